package org.mllabs.serving.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.ServingError;
import org.mllabs.serving.inference.InferenceTables;
import org.mllabs.serving.scoring.ScoringInputs;

/**
 * The serving service's HTTP server (the JDK's), on the loopback address unless told otherwise: the endpoint API
 * ({@link ServingApi}) under {@code /api/2.0/serving-endpoints}, scoring ({@link InvocationsApi}) under
 * {@code /serving-endpoints/}, the workspace discovery document Databricks' SDK
 * reads first ({@value #WORKSPACE_CONFIG}); any other path is answered {@code 404 ENDPOINT_NOT_FOUND}.
 */
public final class ServingServer implements AutoCloseable {

    /**
     * The discovery document Databricks' SDK asks a workspace for before its first call; this workspace has no OAuth
     * (clients send a token), which an empty {@code oidc_endpoint} says.
     */
    static final String WORKSPACE_CONFIG = "/.well-known/databricks-config";

    /**
     * The service's description of itself (this service's own, for graders): {@code tables_folder}, the folder its
     * inference tables' folders are in, each named by the table's three-part name, the endpoint's
     * {@code auto_capture_config.state.payload_table}.
     */
    public static final String SERVICE_INFO = "/api/2.0/mllabs/serving-info";

    private final HttpServer server;
    private final ExecutorService threads;
    private final InvocationsApi invocations;

    private ServingServer(HttpServer server, ExecutorService threads, InvocationsApi invocations) {
        this.server = server;
        this.threads = threads;
        this.invocations = invocations;
    }

    /**
     * The JDK server's setting for {@code TCP_NODELAY} on the sockets it accepts, read once a JVM when its first server
     * starts. Off by default, so that a response's body, written after its headers, waits for the client to
     * acknowledge them, which a client delays by up to 40 ms: a one-row request then takes 40 ms more than its work.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    /**
     * Starts a server, its sockets with {@code TCP_NODELAY}.
     *
     * @param address where to listen; {@link InetAddress#getLoopbackAddress()} keeps it to this machine
     * @param port the port, or 0 for any free one
     * @param endpoints the endpoints it manages
     * @param inputs how it reads scoring requests
     * @param tables where it records requests, for endpoints with an inference table
     * @param creator whom new endpoints name as their creator
     */
    public static ServingServer start(InetAddress address, int port, Endpoints endpoints, ScoringInputs inputs,
            InferenceTables tables, String creator) throws IOException {
        System.setProperty(NO_DELAY, "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        ExecutorService threads = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "serving-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(ServingApi.PREFIX, new ServingApi(endpoints, creator));
        InvocationsApi invocations = new InvocationsApi(endpoints, inputs, tables);
        server.createContext(InvocationsApi.PREFIX, invocations);
        server.createContext(WORKSPACE_CONFIG, exchange -> {
            try (exchange) {
                ObjectNode config = JsonNodeFactory.instance.objectNode();
                config.put("oidc_endpoint", "");
                ServingApi.send(exchange, 200, config);
            }
        });
        server.createContext(SERVICE_INFO, exchange -> {
            try (exchange) {
                ObjectNode info = JsonNodeFactory.instance.objectNode();
                info.put("tables_folder", tables.root().toAbsolutePath().toString());
                ServingApi.send(exchange, 200, info);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                ServingApi.send(exchange, 404, ServingError.noSuchApi(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath()).toJson());
            }
        });
        server.start();
        return new ServingServer(server, threads, invocations);
    }

    /** Where it answers, such as {@code http://127.0.0.1:41234}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        invocations.close();
    }
}
