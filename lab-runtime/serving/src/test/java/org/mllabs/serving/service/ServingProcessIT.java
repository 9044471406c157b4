package org.mllabs.serving.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LabPython;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.runtime.testing.SparkExtension;
import org.mllabs.serving.testing.ServedPipelines;

/**
 * The serving service as a process of its own: started, found again, stopped, and started again with its endpoints,
 * which load and score again, scale to zero when idle and pay a cold start on the next request; a process killed with a
 * batch of its inference table unwritten leaves the table readable with the batches it wrote; a process that cannot
 * serve says why.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class ServingProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void endpointsOutliveTheProcessAndServeAgainAfterARestart(MlflowServer server, SparkSession spark,
            @TempDir Path home) throws Exception {
        String model = ServedPipelines.newModelName();
        Dataset<Row> training = ServedPipelines.rows(spark, 200, 3L, true);
        PipelineModel pipeline = ServedPipelines.fit(training, 0.05);
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            ServedPipelines.register(mlflow, new SparkModels(mlflow, home.resolve("logged")), model, pipeline,
                    training, true);
        }
        Dataset<Row> requests = ServedPipelines.rows(spark, 4, 5L, false);
        String body = JSON.writeValueAsString(Map.of("dataframe_records", ServedPipelines.records(requests)));
        LabEnvironment environment = environment(home, server.trackingUri());
        LabHome labHome = LabHome.from(environment);
        try {
            ServingRecord first = ServingProcess.up(environment, OptionalInt.empty(), Optional.empty());

            assertThat(ServingProcess.running(labHome)).hasValue(first);
            assertThat(ServingProcess.up(environment, OptionalInt.empty(), Optional.empty())).isEqualTo(first);
            assertThat(first.trackingUri()).isEqualTo(server.trackingUri().toString());
            HttpResponse<String> created = send(first, "POST", "/api/2.0/serving-endpoints", "{\"name\": \"churn\", "
                    + "\"config\": {\"served_entities\": [{\"entity_name\": \"" + model + "\", \"entity_version\": "
                    + "\"1\", \"workload_size\": \"Small\"}], \"auto_capture_config\": {\"catalog_name\": \"main\", "
                    + "\"schema_name\": \"labs\"}}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            awaitReady(first);
            assertThat(predictions(send(first, "POST", "/serving-endpoints/churn/invocations", body)))
                    .isEqualTo(ServedPipelines.predictions(pipeline, requests));

            // The process dies (SIGKILL) with a request in a batch it has not appended: the batch appended before
            // stays, whole, and the table stays readable.
            Path table = home.resolve("serving/tables/main.labs.churn_payload");
            assertThat(awaitRows(table, 1)).isEqualTo(1);
            send(first, "POST", "/serving-endpoints/churn/invocations", body);
            ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(first.pid()).ifPresent(process -> process.onExit().join());
            assertThat(DeltaTableReader.open(table).latest().rows()).hasSizeBetween(1, 2)
                    .allSatisfy(row -> assertThat(row.get("status_code")).isEqualTo(200));
            assertThat(ServingProcess.running(labHome)).isEmpty();

            ServingRecord second = ServingProcess.up(environment, OptionalInt.empty(),
                    Optional.of(Duration.ofSeconds(2)));
            JsonNode restored = awaitReady(second);
            assertThat(restored.at("/config/config_version").asInt()).isEqualTo(1);
            assertThat(predictions(send(second, "POST", "/serving-endpoints/churn/invocations", body)))
                    .isEqualTo(ServedPipelines.predictions(pipeline, requests));

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String state;
            do {
                Thread.sleep(200);
                state = JSON.readTree(send(second, "GET", "/api/2.0/serving-endpoints/churn", null).body())
                        .at("/config/served_entities/0/state/deployment_state_message").asText();
            } while (!state.startsWith("Scaled to zero") && System.nanoTime() < deadline);
            assertThat(state).startsWith("Scaled to zero after 2 s without requests");
            HttpResponse<String> cold = send(second, "POST", "/serving-endpoints/churn/invocations", body);
            assertThat(cold.headers().firstValue("x-mllabs-cold-start-ms").map(Long::parseLong)).hasValueSatisfying(
                    millis -> assertThat(millis).isPositive());
            assertThat(predictions(cold)).isEqualTo(ServedPipelines.predictions(pipeline, requests));
            assertThat(send(second, "POST", "/serving-endpoints/churn/invocations", body).headers()
                    .firstValue("x-mllabs-cold-start-ms")).isEmpty();

            assertThat(ServingProcess.down(labHome)).hasValue(new ServingStop(second, true));
            assertThat(ProcessHandle.of(second.pid()).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(ServingProcess.running(labHome)).isEmpty();
            // Stopped, not killed: its last batch is appended as it stops.
            assertThat(DeltaTableReader.open(table).latest().rows().stream().filter(row -> ((Map<?, ?>) row.get(
                    "request_metadata")).containsKey("cold_start_ms"))).hasSize(1);
        } finally {
            ServingProcess.down(labHome);
        }
    }

    @Test
    void aProcessWithoutAnMlflowServerEndsSayingSo(@TempDir Path home) {
        LabEnvironment environment = environment(home, URI.create("http://127.0.0.1:9"));

        assertThatThrownBy(() -> ServingProcess.up(environment, OptionalInt.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ended with exit code 2")
                .hasMessageContaining("No MLflow server is up");
        assertThat(ServingProcess.running(LabHome.from(environment))).isEmpty();
    }

    private static LabEnvironment environment(Path home, URI trackingUri) {
        Map<String, String> variables = new HashMap<>();
        variables.put(LabHome.MLLABS_HOME, home.toString());
        variables.put(LabEnvironment.MLFLOW_TRACKING_URI, trackingUri.toString());
        variables.put(LabPython.MLLABS_PYTHON, PythonChecks.python("the serving process").toString());
        return new LabEnvironment(variables);
    }

    private static JsonNode awaitReady(ServingRecord record) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode endpoint;
        do {
            Thread.sleep(100);
            endpoint = JSON.readTree(send(record, "GET", "/api/2.0/serving-endpoints/churn", null).body());
        } while (!endpoint.at("/state/ready").asText().equals("READY") && System.nanoTime() < deadline);
        assertThat(endpoint.at("/state/ready").asText()).as(endpoint.toString()).isEqualTo("READY");
        return endpoint;
    }

    private static int awaitRows(Path table, int rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int found = 0;
        while (found < rows && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = Files.exists(table.resolve("_delta_log/00000000000000000000.json"))
                    ? DeltaTableReader.open(table).latest().rows().size() : 0;
        }
        return found;
    }

    private static HttpResponse<String> send(ServingRecord record, String method, String path, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(record.uri() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Double> predictions(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readerForListOf(Double.class).readValue(JSON.readTree(response.body()).get("predictions"));
    }
}
