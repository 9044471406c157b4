package org.mllabs.runtime.server;

import java.util.List;
import java.util.Map;

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
 *   <li>No job execution ({@code MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false}): MLflow 3 otherwise starts a pool of Huey
 *       consumer processes for its GenAI jobs and periodic tasks, which the labs never use; they took a server from
 *       about 480 MB to 1.8 GB of memory and its start from 24 to 35 s on 2 cores.</li>
 * </ul>
 */
final class MlflowServerCommand {

    /** How long the server keeps an idle connection open. */
    static final int KEEP_ALIVE_SECONDS = 3600;

    /** The environment the command runs with, on top of the inherited one. */
    static final Map<String, String> ENVIRONMENT = Map.of("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");

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
