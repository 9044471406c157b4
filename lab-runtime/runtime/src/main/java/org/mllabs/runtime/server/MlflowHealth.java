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

/** Asks an MLflow server whether it is up, through {@code /health}, which answers before any host check. */
public final class MlflowHealth {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private MlflowHealth() {
    }

    /** Empty when the server answers {@code /health} with 200, else why not. */
    public static Optional<String> problem(URI trackingUri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(healthUri(trackingUri)).timeout(PROBE_TIMEOUT).GET().build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.empty()
                    : Optional.of("/health answered HTTP " + response.statusCode());
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
    static boolean awaitUp(URI trackingUri, Duration timeout, BooleanSupplier stillStarting) throws InterruptedException {
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

    private static URI healthUri(URI trackingUri) {
        String base = trackingUri.toString().replaceAll("/+$", "");
        return URI.create(base + "/health");
    }
}
