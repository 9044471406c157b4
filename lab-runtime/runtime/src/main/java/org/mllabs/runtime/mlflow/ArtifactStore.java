package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A run's artifacts through the server's artifact proxy, over HTTP: no Python, unlike the Java client's artifact
 * methods. Paths are relative to the run's artifact root and use {@code /}.
 */
public final class ArtifactStore {

    private final MlflowRestClient rest;
    private final Map<String, String> artifactUris = new ConcurrentHashMap<>();

    /** @param rest the server's REST client */
    public ArtifactStore(MlflowRestClient rest) {
        this.rest = rest;
    }

    /**
     * The run's artifact root, such as {@code mlflow-artifacts:/1/<run>/artifacts}; it never changes, so it is cached.
     */
    public String runArtifactUri(String runId) {
        return artifactUris.computeIfAbsent(runId, id -> rest.get("runs/get", Map.of("run_id", id))
                .path("run").path("info").path("artifact_uri").asText());
    }

    /** Writes bytes to one artifact, such as {@code model/MLmodel}. */
    public void upload(String runId, String path, byte[] bytes) {
        rest.putArtifact(ArtifactUris.join(runRoot(runId), path), bytes);
    }

    /** Uploads a local file into an artifact directory (empty for the root), keeping its name. */
    public void uploadFile(String runId, Path file, String artifactDirectory) {
        upload(runId, ArtifactUris.join(artifactDirectory, file.getFileName().toString()), read(file));
    }

    /** Uploads everything under a local directory, recursively, into an artifact directory (empty for the root). */
    public void uploadDirectory(String runId, Path directory, String artifactDirectory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(),
                        "/");
                upload(runId, ArtifactUris.join(artifactDirectory, relative), read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory + " to upload it", e);
        }
    }

    /** Every file and directory under an artifact directory (empty for the root), recursively. */
    public List<ArtifactFile> list(String runId, String path) {
        return listTree(runRoot(runId), path, entry -> true);
    }

    /** The files and directories directly under the directory an artifact URI names, with paths relative to it. */
    public List<ArtifactFile> entries(String artifactUri) {
        return listing(ArtifactUris.proxyPath(artifactUri), "");
    }

    /** The bytes of one artifact. */
    public byte[] download(String runId, String path) {
        return rest.getArtifact(ArtifactUris.join(runRoot(runId), path));
    }

    /**
     * Downloads an artifact directory of a run into a local directory.
     *
     * @return the local directory
     */
    public Path downloadDirectory(String runId, String path, Path target) {
        return downloadTree(runRoot(runId), path, target, entry -> true);
    }

    /**
     * Downloads the directory an artifact URI names, such as a model version's {@code source}.
     *
     * @return the local directory
     */
    public Path downloadDirectory(String artifactUri, Path target) {
        return downloadTree(ArtifactUris.proxyPath(artifactUri), "", target, entry -> true);
    }

    /**
     * Downloads the entries of the directory an artifact URI names that {@code wanted} accepts: a directory it
     * refuses is neither listed nor downloaded. Paths given to {@code wanted} are relative to the URI.
     *
     * @return the local directory
     */
    public Path downloadDirectory(String artifactUri, Path target, Predicate<ArtifactFile> wanted) {
        return downloadTree(ArtifactUris.proxyPath(artifactUri), "", target, wanted);
    }

    private String runRoot(String runId) {
        return ArtifactUris.proxyPath(runArtifactUri(runId));
    }

    private List<ArtifactFile> listTree(String root, String path, Predicate<ArtifactFile> wanted) {
        List<ArtifactFile> entries = new ArrayList<>();
        for (ArtifactFile entry : listing(root, path)) {
            if (wanted.test(entry)) {
                entries.add(entry);
                if (entry.isDir()) {
                    entries.addAll(listTree(root, entry.path(), wanted));
                }
            }
        }
        return entries;
    }

    private List<ArtifactFile> listing(String root, String path) {
        List<ArtifactFile> entries = new ArrayList<>();
        for (JsonNode file : rest.listArtifacts(ArtifactUris.join(root, path)).path("files")) {
            entries.add(new ArtifactFile(ArtifactUris.join(path, file.path("path").asText()),
                    file.path("is_dir").asBoolean(), file.path("file_size").asLong()));
        }
        return entries;
    }

    private Path downloadTree(String root, String path, Path target, Predicate<ArtifactFile> wanted) {
        List<ArtifactFile> files = listTree(root, path, wanted).stream().filter(f -> !f.isDir()).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No artifacts under '" + ArtifactUris.join(root, path) + "' on "
                    + rest.trackingUri() + ": check the run and the artifact path");
        }
        String prefix = ArtifactUris.join(path);
        for (ArtifactFile file : files) {
            String relative = prefix.isEmpty() ? file.path() : file.path().substring(prefix.length() + 1);
            Path local = target.resolve(relative);
            write(local, rest.getArtifact(ArtifactUris.join(root, file.path())));
        }
        return target;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to upload it", e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the downloaded artifact " + file, e);
        }
    }
}
