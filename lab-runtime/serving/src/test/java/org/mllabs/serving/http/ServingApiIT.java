package org.mllabs.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.grading.delta.DeltaSnapshot;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.serving.InferenceRequests;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.runtime.testing.SparkExtension;
import org.mllabs.serving.endpoint.EndpointStore;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.RegistryEntities;
import org.mllabs.serving.testing.ServedPipelines;
import org.mllabs.serving.testing.ServingFixture;

/**
 * The serving service against the build's MLflow server: two versions of {@link ServedPipelines}' pipeline registered
 * under a three-part name, version 1 with a signature and version 2 without; endpoints managed and scored by Python
 * MLflow's Databricks deployments client and by plain HTTP. Every prediction is compared with the pipeline's own
 * {@code transform} of the same rows.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class ServingApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SparkSession spark;
    private static LabMlflow mlflow;
    private static String model;
    private static PipelineModel versionOne;
    private static PipelineModel versionTwo;
    private static ServingFixture serving;

    @BeforeAll
    static void start(MlflowServer mlflowServer, SparkSession session, @TempDir Path state) throws IOException {
        spark = session;
        mlflow = LabMlflow.open(mlflowServer.trackingUri());
        model = ServedPipelines.newModelName();
        Dataset<Row> training = rows(300, 7L, true);
        versionOne = ServedPipelines.fit(training, 0.01);
        versionTwo = ServedPipelines.fit(training, 1.0);
        SparkModels models = new SparkModels(mlflow, state.resolve("logged"));
        ServedPipelines.register(mlflow, models, model, versionOne, training, true);
        ServedPipelines.register(mlflow, models, model, versionTwo, training, false);
        serving = ServingFixture.start(mlflow, spark, state, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (serving != null) {
            serving.close();
        }
        if (mlflow != null) {
            mlflow.close();
        }
    }

    @Test
    void pythonMlflowsDeploymentsClientManagesAndScoresAnEndpoint(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("deployments_client.py");
        try (InputStream source = ServingApiIT.class.getResourceAsStream("deployments_client.py")) {
            Files.copy(source, script);
        }
        Dataset<Row> requests = rows(5, 11L, false);
        ProcessBuilder builder = new ProcessBuilder(PythonChecks.python("the deployments client").toString(),
                script.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        builder.environment().putAll(Map.of("DATABRICKS_HOST", serving.uri().toString(), "DATABRICKS_TOKEN",
                "learner-token", "MODEL", model, "ENDPOINT", "churn-python", "RECORDS",
                JSON.writeValueAsString(records(requests)), "EXPECTED",
                JSON.writeValueAsString(predictions(versionOne, requests))));
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
    void eachVersionScoresAsItsPipelineDoesAndTheRoutesShareTheRequests() throws Exception {
        createAndWait("churn-split", "{\"served_entities\": [" + entity("one", 1) + ", " + entity("two", 2)
                + "], \"traffic_config\": {\"routes\": [{\"served_entity_name\": \"one\", \"traffic_percentage\": "
                + "80}, {\"served_entity_name\": \"two\", \"traffic_percentage\": 20}]}}");
        Dataset<Row> requests = rows(20, 13L, false);
        ObjectNode split = JSON.createObjectNode();
        ObjectNode frame = split.putObject("dataframe_split");
        frame.putArray("columns").add("calls").add("plan").add("tenure");
        ArrayNode data = frame.putArray("data");
        for (Map<String, Object> record : records(requests)) {
            data.addArray().addPOJO(record.get("calls")).addPOJO(record.get("plan")).addPOJO(record.get("tenure"));
        }

        HttpResponse<String> one = invoke("/churn-split/served-models/one/invocations", split.toString());
        HttpResponse<String> two = invoke("/churn-split/served-models/two/invocations", JSON.writeValueAsString(
                Map.of("dataframe_records", records(requests))));

        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(one.headers().firstValue("served-model-name")).hasValue("one");
        assertThat(predictionsOf(one)).isEqualTo(predictions(versionOne, requests));
        assertThat(two.statusCode()).as(two.body()).isEqualTo(200);
        assertThat(predictionsOf(two)).isEqualTo(predictions(versionTwo, requests));
        assertThat(predictions(versionOne, requests)).isNotEqualTo(predictions(versionTwo, requests));
        HttpResponse<String> transformed = serving.send("POST",
                "/serving-endpoints/churn-split/served-models/one/invocations", split.toString(),
                InvocationsApi.SCORING_HEADER, InvocationsApi.TRANSFORM_ONLY);
        assertThat(transformed.body()).isEqualTo(one.body());

        Map<String, Integer> answered = new HashMap<>();
        String single = JSON.writeValueAsString(Map.of("dataframe_records", records(requests).subList(0, 1)));
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = invoke("/churn-split/invocations", single);
            answered.merge(response.headers().firstValue("served-model-name").orElse("none"), 1, Integer::sum);
        }
        assertThat(answered.keySet()).containsExactlyInAnyOrder("one", "two");
        assertThat(answered.get("two")).isBetween(20, 60);

        HttpResponse<String> update = manage("PUT", "/churn-split/config", "{\"served_entities\": ["
                + entity("two", 2) + "]}");
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        JsonNode history;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        do {
            Thread.sleep(50);
            history = JSON.readTree(manage("GET", "/churn-split/config-history", null).body()).get("config_history");
        } while (!history.get(1).get("outcome").asText().equals("SERVED") && System.nanoTime() < deadline);
        assertThat(history).extracting(change -> change.get("config_version").asInt()).containsExactly(1, 2);
        assertThat(history).extracting(change -> change.get("outcome").asText()).containsExactly("SERVED", "SERVED");
        assertThat(history.get(0).at("/config/traffic_config/routes/1/traffic_percentage").asInt()).isEqualTo(20);
        assertThat(history.get(1).at("/config/served_entities/0/entity_version").asText()).isEqualTo("2");
    }

    @Test
    void aRequestTheSignatureRefusesGetsMlflowsAnswerAndAnUnknownEndpointOrEntityIsNotFound() throws Exception {
        createAndWait("churn-refusals", "{\"served_entities\": [" + entity("one", 1) + "]}");

        HttpResponse<String> missing = invoke("/churn-refusals/invocations",
                "{\"dataframe_records\": [{\"tenure\": 3.5, \"plan\": \"basic\"}]}");
        HttpResponse<String> noEndpoint = invoke("/churn-none/invocations", "{\"dataframe_records\": []}");
        HttpResponse<String> noEntity = invoke("/churn-refusals/served-models/two/invocations", "{}");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("message").asText())
                .endsWith("Error: Model is missing inputs ['calls'].");
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(noEntity.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noEntity.body()).get("message").asText()).contains("serves no entity 'two'");
    }

    @Test
    void everyAnsweredRequestGoesToTheInferenceTableInDatabricksColumns() throws Exception {
        long before = System.currentTimeMillis();
        createAndWait("churn-logged", "{\"served_entities\": [" + entity("one", 1) + "], \"auto_capture_config\": "
                + "{\"catalog_name\": \"main\", \"schema_name\": \"serving_it\", \"table_name_prefix\": \"churn\"}}");
        Dataset<Row> requests = rows(3, 17L, false);
        String scored = JSON.writeValueAsString(Map.of("dataframe_records", records(requests),
                "client_request_id", "learner-1"));
        String refused = "{\"dataframe_records\": [{\"tenure\": 1.0}]}";

        HttpResponse<String> answered = invoke("/churn-logged/invocations", scored);
        invoke("/churn-logged/invocations", refused);
        serving.tables().flush();

        JsonNode endpoint = JSON.readTree(manage("GET", "/churn-logged", null).body());
        assertThat(endpoint.at("/config/auto_capture_config/state/payload_table/name").asText())
                .isEqualTo("churn_payload");
        DeltaSnapshot table = DeltaTableReader.open(serving.tables().pathOf("main.serving_it.churn_payload")).latest();
        assertThat(table.columnNames()).containsExactly("databricks_request_id", "client_request_id", "date",
                "timestamp_ms", "status_code", "sampling_fraction", "execution_time_ms", "request", "response",
                "request_metadata");
        assertThat(table.rows()).hasSize(2);
        Map<String, Object> ok = table.rows().stream().filter(row -> row.get("status_code").equals(200)).findFirst()
                .orElseThrow();
        assertThat(ok.get("client_request_id")).isEqualTo("learner-1");
        assertThat(ok.get("request")).isEqualTo(scored);
        assertThat(ok.get("response")).isEqualTo(answered.body());
        assertThat(predictionsOf(answered)).isEqualTo(predictions(versionOne, requests));
        assertThat((Long) ok.get("timestamp_ms")).isBetween(before, System.currentTimeMillis());
        assertThat(ok.get("date")).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(ok.get("sampling_fraction")).isEqualTo(1.0);
        assertThat(ok.get("request_metadata")).isEqualTo(Map.of("endpoint_name", "churn-logged", "model_name", model,
                "model_version", "1", "served_entity_name", "one"));
        Map<String, Object> no = table.rows().stream().filter(row -> row.get("status_code").equals(400)).findFirst()
                .orElseThrow();
        assertThat(no.get("client_request_id")).isNull();
        assertThat((String) no.get("response")).contains("Model is missing inputs");
        assertThat(no.get("execution_time_ms")).isEqualTo(0L);
        List<Row> unpacked = InferenceRequests.unpack(spark.read().format("delta").load(serving.tables().pathOf(
                "main.serving_it.churn_payload").toString()), ServedPipelines.FEATURES).collectAsList();
        assertThat(unpacked).extracting(row -> row.<Double>getAs("prediction"))
                .isEqualTo(predictions(versionOne, requests));
        assertThat(unpacked).extracting(row -> row.<String>getAs("plan"))
                .isEqualTo(requests.collectAsList().stream().map(row -> row.getString(1)).toList());
    }

    @Test
    void aShadowScoresACopyOfEveryRequestIntoTheInferenceTableAndAnswersNone() throws Exception {
        createAndWait("churn-shadow", "{\"served_entities\": [" + entity("champion", 1) + ", "
                + entity("challenger", 2) + "], \"traffic_config\": {\"routes\": [{\"served_entity_name\": "
                + "\"champion\", \"traffic_percentage\": 100}, {\"served_entity_name\": \"challenger\", "
                + "\"traffic_percentage\": 0, \"shadow\": true}]}, \"auto_capture_config\": {\"catalog_name\": "
                + "\"main\", \"schema_name\": \"serving_it\", \"table_name_prefix\": \"shadowed\"}}");
        Dataset<Row> requests = rows(4, 19L, false);
        List<Map<String, Object>> records = records(requests);
        for (Map<String, Object> record : records) {
            HttpResponse<String> response = invoke("/churn-shadow/invocations", JSON.writeValueAsString(
                    Map.of("dataframe_records", List.of(record))));
            assertThat(response.headers().firstValue("served-model-name")).hasValue("champion");
        }

        Path table = serving.tables().pathOf("main.serving_it.shadowed_payload");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<Map<String, Object>> logged = List.of();
        while (logged.size() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            serving.tables().flush();
            logged = Files.exists(table) ? DeltaTableReader.open(table).latest().rows() : List.of();
        }

        assertThat(logged).hasSize(8);
        Map<Object, Map<String, String>> live = new HashMap<>();
        Map<Object, Double> shadowed = new HashMap<>();
        for (Map<String, Object> row : logged) {
            @SuppressWarnings("unchecked")
            Map<String, String> metadata = (Map<String, String>) row.get("request_metadata");
            if ("true".equals(metadata.get("shadow"))) {
                assertThat(metadata.get("served_entity_name")).isEqualTo("challenger");
                shadowed.put(row.get("request"), JSON.readTree((String) row.get("response")).at("/predictions/0")
                        .asDouble());
            } else {
                live.put(row.get("databricks_request_id"), metadata);
                assertThat(metadata.get("served_entity_name")).isEqualTo("champion");
            }
        }
        assertThat(live).hasSize(4);
        List<Object> bothTimes = new ArrayList<>(live.keySet());
        bothTimes.addAll(live.keySet());
        assertThat(logged).extracting(row -> row.get("databricks_request_id"))
                .containsExactlyInAnyOrderElementsOf(bothTimes);
        List<Double> expected = predictions(versionTwo, requests);
        for (int i = 0; i < records.size(); i++) {
            String body = JSON.writeValueAsString(Map.of("dataframe_records", List.of(records.get(i))));
            assertThat(shadowed.get(body)).isEqualTo(expected.get(i));
        }
    }

    @Test
    void aMissingVersionIsRefusedWithTheVersionsThereAre() throws Exception {
        HttpResponse<String> response = manage("POST", "", "{\"name\": \"churn-missing\", \"config\": "
                + "{\"served_entities\": [" + entity("nine", 9) + "]}}");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(error.get("message").asText()).isEqualTo("Model version 9 of " + model + " does not exist. "
                + "Its versions are: 1, 2.");
    }

    @Test
    void aBodyThatIsNotJsonOrTooLargeAndAPathThatIsNotThereGetTheirOwnAnswers() throws Exception {
        HttpResponse<String> malformed = manage("POST", "", "{\"name\": ");
        HttpResponse<String> noPath = manage("GET", "/churn/logs/now", null);
        HttpResponse<String> wrongMethod = manage("PATCH", "/churn", "{}");
        HttpResponse<String> oversized = manage("POST", "", "{\"name\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}");
        HttpResponse<String> after = manage("GET", "", null);

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(noPath.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noPath.body()).get("message").asText())
                .isEqualTo("No API found for 'GET /api/2.0/serving-endpoints/churn/logs/now'");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(oversized.body()).get("message").asText()).contains("larger than 16 MB");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointCreatedWhileMlflowIsDownIsAnUnavailableServiceNotAWrongRequest(@TempDir Path state)
            throws Exception {
        try (LabMlflow down = LabMlflow.open(URI.create("http://127.0.0.1:9"));
                Endpoints offline = Endpoints.open(new EndpointStore(state.resolve("endpoints")),
                        new RegistryEntities(down, state.resolve("models"), spark), Clock.systemUTC());
                ServingServer alone = ServingServer.start(InetAddress.getLoopbackAddress(), 0, offline, null, null,
                        "learner")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(alone.uri()
                    + ServingApi.PREFIX)).POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"churn\", "
                    + "\"config\": {\"served_entities\": [{\"entity_name\": \"main.labs.churn\", \"entity_version\": "
                    + "\"1\", \"workload_size\": \"Small\"}]}}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("message").asText()).contains("lab up");
            assertThat(offline.list()).isEmpty();
        }
    }

    private static void createAndWait(String name, String config) throws Exception {
        serving.createAndWait(name, config);
    }

    private static String entity(String name, int version) {
        return "{\"name\": \"" + name + "\", \"entity_name\": \"" + model + "\", \"entity_version\": \"" + version
                + "\", \"workload_size\": \"Small\"}";
    }

    private static HttpResponse<String> manage(String method, String path, String body) throws Exception {
        return serving.manage(method, path, body);
    }

    private static HttpResponse<String> invoke(String path, String body) throws Exception {
        return serving.invoke(path, body);
    }

    private static Dataset<Row> rows(int count, long seed, boolean labelled) {
        return ServedPipelines.rows(spark, count, seed, labelled);
    }

    private static List<Map<String, Object>> records(Dataset<Row> rows) {
        return ServedPipelines.records(rows);
    }

    private static List<Double> predictions(PipelineModel pipeline, Dataset<Row> rows) {
        return ServedPipelines.predictions(pipeline, rows);
    }

    private static List<Double> predictionsOf(HttpResponse<String> response) throws IOException {
        return ServingFixture.predictionsOf(response);
    }
}
