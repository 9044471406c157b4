package org.mllabs.runtime.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mllabs.runtime.server.MlflowServerVersion;

/**
 * A loopback HTTP server that answers some of MLflow's unauthenticated endpoints, for tests of what the runtime and the
 * lab command do when a program that is not MLflow answers on a port, or when the MLflow server dies during a lab.
 * Every path it does not answer gets 404.
 */
public final class FakeMlflowServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final boolean answersVersion;
    private final String challenge;
    private final boolean diesOnApiCall;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private FakeMlflowServer(boolean answersVersion, String challenge, boolean diesOnApiCall) {
        this.answersVersion = answersVersion;
        this.challenge = challenge;
        this.diesOnApiCall = diesOnApiCall;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Answers {@code /health} with 200, as many services do, and nothing else: not an MLflow server. */
    public static FakeMlflowServer healthOnly() {
        return new FakeMlflowServer(false, null, false);
    }

    /**
     * Answers {@code /health} with 200 and every other path with 401 and the given {@code WWW-Authenticate}
     * challenge, as MLflow's authentication app does with {@code Basic realm="mlflow"}.
     */
    public static FakeMlflowServer askingForCredentials(String challenge) {
        return new FakeMlflowServer(false, challenge, false);
    }

    /** Answers {@code /health} and {@code /version} as MLflow does, and every other path with 404. */
    public static FakeMlflowServer answering() {
        return new FakeMlflowServer(true, null, false);
    }

    /** Answers {@code /health} and {@code /version} as MLflow does, until any {@code /api/} request stops it. */
    public static FakeMlflowServer diesOnFirstApiCall() {
        return new FakeMlflowServer(true, null, true);
    }

    /** Where it answers, such as {@code http://127.0.0.1:40123}. */
    public URI uri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/health")) {
            answer(exchange, 200, "OK");
        } else if (challenge != null) {
            exchange.getResponseHeaders().add("WWW-Authenticate", challenge);
            answer(exchange, 401, "You are not authenticated.");
        } else if (path.equals("/version") && answersVersion) {
            answer(exchange, 200, MlflowServerVersion.mlflow());
        } else if (path.startsWith("/api/") && diesOnApiCall) {
            stop();
            exchange.close();
        } else {
            answer(exchange, 404, "Not Found");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops answering. */
    @Override
    public void close() {
        stop();
        handlers.shutdownNow();
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            http.stop(0);
        }
    }
}
