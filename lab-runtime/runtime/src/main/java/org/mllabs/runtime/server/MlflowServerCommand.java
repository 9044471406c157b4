package org.mllabs.runtime.server;

import java.util.List;

/**
 * The {@code mlflow server} command line every server of the labs runs with, in a container or as a local process.
 *
 * <ul>
 *   <li>One worker: a laptop's labs are one client at a time, and SQLite wants a single writer.</li>
 *   <li>Idle connections kept for an hour ({@value #KEEP_ALIVE_SECONDS} s) instead of uvicorn's 5 s: the labs' clients
 *       (MLflow's Java client, the JDK's HttpClient) keep connections in a pool, and a lab that trains for more than
 *       5 s between two calls would otherwise send its next request on a connection the server is closing, which
 *       fails as "failed to respond" (NoHttpResponseException) rather than being retried.</li>
 *   <li>SQLite backend store and proxied artifacts, both under the state directory.</li>
 * </ul>
 */
final class MlflowServerCommand {

    /** How long the server keeps an idle connection open. */
    static final int KEEP_ALIVE_SECONDS = 3600;

    private MlflowServerCommand() {
    }

    /**
     * @param mlflow the {@code mlflow} executable
     * @param host the address to listen on
     * @param port the port to listen on
     * @param stateDirectory where {@code mlflow.db} and {@code artifacts/} live, as the server sees it
     */
    static List<String> of(String mlflow, String host, int port, String stateDirectory) {
        return List.of(mlflow, "server",
                "--host", host,
                "--port", String.valueOf(port),
                "--workers", "1",
                "--uvicorn-opts", "--timeout-keep-alive " + KEEP_ALIVE_SECONDS,
                "--backend-store-uri", "sqlite:///" + stateDirectory + "/mlflow.db",
                "--artifacts-destination", stateDirectory + "/artifacts");
    }
}
