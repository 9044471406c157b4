package org.mllabs.runtime.mlflow;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Maps artifact URIs to paths under the server's artifact proxy.
 *
 * <p>A server that proxies artifacts gives runs an {@code artifact_uri} such as
 * {@code mlflow-artifacts:/1/<run>/artifacts}, or {@code mlflow-artifacts://host:port/1/<run>/artifacts}; the part
 * after the authority is the path under {@code /api/2.0/mlflow-artifacts/artifacts/} on the tracking server.
 */
public final class ArtifactUris {

    /** The scheme of proxied artifacts. */
    public static final String PROXY_SCHEME = "mlflow-artifacts";

    private ArtifactUris() {
    }

    /**
     * The proxy path of an artifact URI, without leading or trailing slashes: {@code 1/<run>/artifacts/model} for
     * {@code mlflow-artifacts:/1/<run>/artifacts/model}.
     *
     * @throws IllegalArgumentException when the URI is not served by the proxy, such as a {@code file:} path
     */
    public static String proxyPath(String artifactUri) {
        URI uri;
        try {
            uri = URI.create(artifactUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + artifactUri + "' is not a valid artifact URI", e);
        }
        if (!PROXY_SCHEME.equals(uri.getScheme())) {
            throw new IllegalArgumentException("Artifact URI '" + artifactUri + "' is not served by the MLflow "
                    + "server's artifact proxy, so it cannot be read or written over HTTP. Start the server with "
                    + "--artifacts-destination and without --default-artifact-root (as the lab runtime does), then "
                    + "log the run again: its artifact URI must start with " + PROXY_SCHEME + ":/");
        }
        return trimSlashes(uri.getPath() == null ? "" : uri.getPath());
    }

    /** Joins path segments with single slashes, skipping empty ones. */
    public static String join(String... parts) {
        return Arrays.stream(parts).map(ArtifactUris::trimSlashes).filter(p -> !p.isEmpty())
                .collect(Collectors.joining("/"));
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
