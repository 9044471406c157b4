package org.mllabs.runtime.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Asks whether an MLflow server is up: {@code /health}, which answers before any host check, then {@code /version},
 * which answers MLflow's version. Another program on the port may answer {@code /health} too (many services do);
 * only a server that also answers a version is taken for MLflow. A server started with MLflow's authentication
 * ({@code --app-name basic-auth}) leaves only {@code /health} open and answers {@code /version} with 401 and its own
 * challenge, {@code WWW-Authenticate: Basic realm="mlflow"}: that challenge is taken for MLflow too, so that a shared
 * server is found before anyone has given credentials.
 */
public final class MlflowHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?\\S*");
    /** What MLflow's {@code basic-auth} app answers a request without credentials with. */
    static final String AUTHENTICATION_CHALLENGE = "Basic realm=\"mlflow\"";

    private MlflowHealth() {
    }

    /**
     * Empty when the server answers {@code /health} with 200 and {@code /version} with 200 and a version number (or
     * with MLflow's authentication challenge), else why not.
     */
    public static Optional<String> problem(URI trackingUri) {
        try {
            HttpResponse<String> health = get(trackingUri, "/health");
            if (health.statusCode() != 200) {
                return Optional.of("/health answered HTTP " + health.statusCode());
            }
            HttpResponse<String> version = get(trackingUri, "/version");
            if (asksForMlflowCredentials(version)) {
                return Optional.empty();
            }
            if (version.statusCode() != 200) {
                return Optional.of("/health answered, but /version answered HTTP " + version.statusCode()
                        + ", which an MLflow server does not: another program listens there");
            }
            String body = version.body().strip();
            if (!VERSION.matcher(body).matches()) {
                return Optional.of("/health answered, but /version answered \"" + abbreviate(body)
                        + "\", not an MLflow version: another program listens there");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (IllegalArgumentException e) {
            return Optional.of("not a valid URL: " + e.getMessage());
        }
    }

    /** Whether the server answers now. */
    public static boolean isUp(URI trackingUri) {
        return problem(trackingUri).isEmpty();
    }

    /**
     * Waits until the server answers, the deadline passes, or {@code stillStarting} turns false (the process died).
     *
     * @return whether the server answered
     */
    static boolean awaitUp(URI trackingUri, Duration timeout, BooleanSupplier stillStarting)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (isUp(trackingUri)) {
                return true;
            }
            if (!stillStarting.getAsBoolean()) {
                return false;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static boolean asksForMlflowCredentials(HttpResponse<String> response) {
        return response.statusCode() == 401 && response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(AUTHENTICATION_CHALLENGE::equalsIgnoreCase);
    }

    private static HttpResponse<String> get(URI trackingUri, String path) throws IOException, InterruptedException {
        String base = trackingUri.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(PROBE_TIMEOUT).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
