package org.mllabs.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.serving.endpoint.EndpointStore;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.RegistryEntities;

/**
 * The endpoint API against the build's MLflow server, driven by Python MLflow's Databricks deployments client and by
 * plain HTTP for the refusals. The registered versions hold an {@code MLmodel} file and no model data: serving them
 * needs none yet.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class ServingApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static LabMlflow mlflow;
    private static String model;
    private static Endpoints endpoints;
    private static ServingServer server;

    @BeforeAll
    static void start(MlflowServer mlflowServer, @TempDir Path state) throws IOException {
        mlflow = LabMlflow.open(mlflowServer.trackingUri());
        model = "main.serving_it." + TestRuns.uniqueName("churn").replace('-', '_');
        mlflow.registry().createRegisteredModel(model, Map.of(), null);
        register("[{\"type\": \"double\", \"name\": \"tenure\", \"required\": true}]");
        register(null);
        endpoints = Endpoints.open(new EndpointStore(state.resolve("endpoints")),
                new RegistryEntities(mlflow, state.resolve("models")), Clock.systemUTC());
        server = ServingServer.start(InetAddress.getLoopbackAddress(), 0, endpoints, "learner");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            endpoints.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    private static void register(String signatureInputs) {
        String runId = TestRuns.newRun(mlflow, "serving");
        String mlmodel = "artifact_path: model\nflavors:\n  spark:\n    model_data: sparkml\n"
                + "    pyspark_version: 4.1.0\n"
                + (signatureInputs == null ? "" : "signature:\n  inputs: '" + signatureInputs + "'\n"
                        + "  outputs: '[{\"type\": \"double\", \"name\": \"prediction\", \"required\": true}]'\n");
        mlflow.artifacts().upload(runId, "model/MLmodel", mlmodel.getBytes(StandardCharsets.UTF_8));
        mlflow.registry().createModelVersion(model, mlflow.artifactUriOf(runId) + "/model", runId, Map.of(), null);
    }

    @Test
    void pythonMlflowsDeploymentsClientManagesEndpoints(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("deployments_client.py");
        try (InputStream source = ServingApiIT.class.getResourceAsStream("deployments_client.py")) {
            Files.copy(source, script);
        }
        ProcessBuilder builder = new ProcessBuilder(PythonChecks.python("the deployments client").toString(),
                script.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().putAll(Map.of("DATABRICKS_HOST", server.uri().toString(), "DATABRICKS_TOKEN",
                "learner-token", "MODEL", model, "ENDPOINT", "churn-python"));
        Process process = builder.start();

        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("out.log"));
        assertThat(ended && process.exitValue() == 0).as(output).isTrue();
        assertThat(output).contains("every step behaved").doesNotContain("Failed to automatically resolve config");
    }

    @Test
    void aMissingVersionIsRefusedWithTheVersionsThereAre() throws Exception {
        HttpResponse<String> response = send("POST", "", "{\"name\": \"churn-missing\", \"config\": "
                + "{\"served_entities\": [{\"entity_name\": \"" + model + "\", \"entity_version\": \"9\", "
                + "\"workload_size\": \"Small\"}]}}");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(error.get("message").asText()).isEqualTo("Model version 9 of " + model + " does not exist. "
                + "Its versions are: 1, 2.");
    }

    @Test
    void aBodyThatIsNotJsonAndAPathThatIsNotThereGetTheirOwnAnswers() throws Exception {
        HttpResponse<String> malformed = send("POST", "", "{\"name\": ");
        HttpResponse<String> noPath = send("GET", "/churn/logs/now", null);
        HttpResponse<String> wrongMethod = send("PATCH", "/churn", "{}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(noPath.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noPath.body()).get("message").asText())
                .isEqualTo("No API found for 'GET /api/2.0/serving-endpoints/churn/logs/now'");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
    }

    @Test
    void anEndpointCreatedWhileMlflowIsDownIsAnUnavailableServiceNotAWrongRequest(@TempDir Path state)
            throws Exception {
        try (LabMlflow down = LabMlflow.open(URI.create("http://127.0.0.1:9"));
                Endpoints offline = Endpoints.open(new EndpointStore(state.resolve("endpoints")),
                        new RegistryEntities(down, state.resolve("models")), Clock.systemUTC());
                ServingServer alone = ServingServer.start(InetAddress.getLoopbackAddress(), 0, offline, "learner")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(alone.uri()
                    + ServingApi.PREFIX)).POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"churn\", "
                    + "\"config\": {\"served_entities\": [{\"entity_name\": \"main.labs.churn\", \"entity_version\": "
                    + "\"1\", \"workload_size\": \"Small\"}]}}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("message").asText()).contains("lab up");
            assertThat(offline.list()).isEmpty();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + ServingApi.PREFIX + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
