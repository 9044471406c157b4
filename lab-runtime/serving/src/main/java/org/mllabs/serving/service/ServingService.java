package org.mllabs.serving.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.serving.endpoint.EndpointStore;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.RegistryEntities;
import org.mllabs.serving.http.ServingServer;
import org.mllabs.serving.inference.InferenceTables;
import org.mllabs.serving.scoring.MlflowInputCheck;
import org.mllabs.serving.scoring.ScoringInputs;

/**
 * The serving service put together: endpoints kept under {@code serving/} in the state directory, models from an
 * MLflow server's registry loaded into a Spark session, requests read with MLflow's rules, an HTTP server on the
 * loopback address.
 */
public final class ServingService implements AutoCloseable {

    private final LabMlflow mlflow;
    private final Endpoints endpoints;
    private final ScoringInputs inputs;
    private final InferenceTables tables;
    private final ServingServer server;

    private ServingService(LabMlflow mlflow, Endpoints endpoints, ScoringInputs inputs, InferenceTables tables,
            ServingServer server) {
        this.mlflow = mlflow;
        this.endpoints = endpoints;
        this.inputs = inputs;
        this.tables = tables;
        this.server = server;
    }

    /**
     * Starts the service.
     *
     * @param home the state directory: endpoints in {@code serving/endpoints}, models in {@code serving/models},
     *     inference tables in {@code serving/tables}
     * @param trackingUri the MLflow server
     * @param credentials the learner's MLflow user on a shared server, if any
     * @param port the port, 0 for any free one
     * @param python the lab Python environment's interpreter, for MLflow's reading of requests
     * @param spark the session models are loaded into
     * @param creator whom new endpoints name as their creator
     * @param scaleToZeroAfter how long an entity that scales to zero waits without requests before it unloads
     */
    public static ServingService start(LabHome home, URI trackingUri, Optional<MlflowCredentials> credentials,
            int port, Path python, SparkSession spark, String creator, Duration scaleToZeroAfter) throws IOException {
        Path serving = servingFolder(home);
        LabMlflow mlflow = LabMlflow.open(trackingUri, credentials);
        Endpoints endpoints = Endpoints.open(new EndpointStore(serving.resolve("endpoints")),
                new RegistryEntities(mlflow, serving.resolve("models"), spark), Clock.systemUTC(), scaleToZeroAfter);
        ScoringInputs inputs = new ScoringInputs(MlflowInputCheck.with(python, home.logs().resolve(
                "serving-input-check.log"), Duration.ofSeconds(60)));
        // A batch is a Spark job and a Delta commit, some hundred milliseconds of a core: at most one a second under
        // load, beside requests that take a millisecond each.
        InferenceTables tables = new InferenceTables(spark, serving.resolve("tables"), Duration.ofSeconds(1), 1000);
        ServingServer server = ServingServer.start(InetAddress.getLoopbackAddress(), port, endpoints, inputs, tables,
                creator);
        return new ServingService(mlflow, endpoints, inputs, tables, server);
    }

    /** The folder of the service's state in a state directory. */
    static Path servingFolder(LabHome home) {
        return home.root().resolve("serving");
    }

    /** Where it answers. */
    public URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
        tables.close();
        endpoints.close();
        inputs.close();
        mlflow.close();
    }
}
