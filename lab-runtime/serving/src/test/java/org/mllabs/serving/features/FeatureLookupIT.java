package org.mllabs.serving.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mllabs.serving.testing.ServingFixture.predictionsOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.featurestore.FeatureLookup;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.TrainingSet;
import org.mllabs.runtime.featurestore.WriteMode;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;
import org.mllabs.serving.testing.ServedPipelines;
import org.mllabs.serving.testing.ServingFixture;

/**
 * Feature lookup at serving time, against the build's MLflow server: a model trained on a point-in-time training set
 * of a feature table and logged with its feature spec is served; requests carry only the customer's key, and each
 * answer equals the pipeline's own prediction of the key's latest features, as the feature store's batch scoring
 * joins them from the Delta table.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeatureLookupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "customer_features";
    private static final long CUSTOMERS = 200;
    private static final StructType TABLE_SCHEMA = new StructType().add("customer_id", DataTypes.LongType, false)
            .add("snapshot_time", DataTypes.TimestampType, false).add("tenure", DataTypes.DoubleType, false)
            .add("plan", DataTypes.StringType, false).add("calls", DataTypes.LongType, false);

    private static SparkSession spark;
    private static LabMlflow mlflow;
    private static FeatureStore store;
    private static PipelineModel pipeline;
    private static String model;
    private static ServingFixture serving;

    @BeforeAll
    static void start(MlflowServer mlflowServer, SparkSession session, @TempDir Path state) throws Exception {
        spark = session;
        mlflow = LabMlflow.open(mlflowServer.trackingUri());
        store = new FeatureStore(spark, state.resolve("feature-store"), mlflow, state.resolve("logged"));
        store.createTable(TABLE, List.of("customer_id"), "snapshot_time", snapshots(1L, day(1)),
                "Customer features");
        store.writeTable(TABLE, snapshots(2L, day(10)), WriteMode.MERGE);
        Dataset<Row> labels = labels(snapshotRows(1L, day(1)), day(5)).union(labels(snapshotRows(2L, day(10)),
                day(12)));
        TrainingSet training = store.createTrainingSet(labels, List.of(FeatureLookup.of(TABLE,
                List.of("customer_id"), List.of("tenure", "plan", "calls")).withTimestampLookupKey("label_time")),
                "label", List.of("customer_id", "label_time"));
        pipeline = ServedPipelines.fit(training.loadDf(), 0.01);
        String runId = TestRuns.newRun(mlflow, "feature-lookup");
        store.logModel(runId, "model", pipeline, training, ModelSignature.infer(ServedPipelines.FEATURES,
                pipeline.transform(training.loadDf()).select("prediction").schema()));
        model = ServedPipelines.newModelName();
        new SparkModels(mlflow, state.resolve("registered")).register(model, runId, "model");
        serving = ServingFixture.start(mlflow, spark, state.resolve("serving"), Duration.ofHours(1));
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
    @Order(1)
    void aRequestCarryingOnlyKeysIsScoredOnTheKeysLatestPublishedFeatures() throws Exception {
        String config = "{\"served_entities\": [{\"entity_name\": \"" + model + "\", \"entity_version\": \"1\", "
                + "\"workload_size\": \"Small\"}]}";
        serving.manage("POST", "", "{\"name\": \"churn-by-key\", \"config\": " + config + "}");
        JsonNode unpublished = serving.waitFor("churn-by-key",
                endpoint -> endpoint.at("/state/config_update").asText().equals("UPDATE_FAILED"));
        assertThat(unpublished.at("/state/ready").asText()).isEqualTo("NOT_READY");
        assertThat(unpublished.toString()).contains("has not been published to an online store")
                .contains("FeatureStore.publishTable(\\\"" + TABLE + "\\\")");

        store.publishTable(TABLE);
        assertThat(serving.manage("PUT", "/churn-by-key/config", config).statusCode()).isEqualTo(200);
        JsonNode ready = serving.waitFor("churn-by-key",
                endpoint -> endpoint.at("/state/config_update").asText().equals("NOT_UPDATING"));
        assertThat(ready.at("/state/ready").asText()).as(ready.toString()).isEqualTo("READY");
        assertThat(ready.at("/config/served_entities/0/state/deployment_state_message").asText())
                .contains("Looks up 3 features by key in the online store (" + TABLE + ")");

        List<Long> keys = LongStream.range(0, CUSTOMERS).boxed().toList();
        List<Double> published = batchScores(keys);
        assertThat(predictionsOf(score(keys))).isEqualTo(published);

        store.writeTable(TABLE, snapshots(3L, day(20)), WriteMode.MERGE);
        assertThat(predictionsOf(score(keys))).as("the copy published before the write")
                .isNotEqualTo(batchScores(keys)).isEqualTo(published);
        store.publishTable(TABLE);
        assertThat(predictionsOf(score(keys))).isEqualTo(batchScores(keys));
    }

    @Test
    @Order(2)
    void aFeatureInTheRequestOverridesTheLookupAndARequestWithoutItsKeyGetsMlflowsAnswer() throws Exception {
        Row features = store.readTable(TABLE).filter("customer_id = 7").orderBy(functions.col("snapshot_time")
                .desc()).first();
        Row published = RowFactory.create(features.getDouble(2), features.getString(3), features.getLong(4));
        List<Row> candidates = List.of(RowFactory.create(0.5, "basic", 9L), RowFactory.create(70.0, "premium", 0L),
                published);
        List<Double> predicted = ServedPipelines.predictions(pipeline,
                spark.createDataFrame(candidates, ServedPipelines.FEATURES));
        int other = predicted.get(0).equals(predicted.get(2)) ? 1 : 0;
        assertThat(predicted.get(other)).as("an override that changes the prediction").isNotEqualTo(predicted.get(2));

        Row override = candidates.get(other);
        HttpResponse<String> overriding = serving.invoke("/churn-by-key/invocations", JSON.writeValueAsString(
                Map.of("dataframe_records", List.of(Map.of("customer_id", 7, "tenure", override.getDouble(0),
                        "plan", override.getString(1), "calls", override.getLong(2))))));
        HttpResponse<String> looking = serving.invoke("/churn-by-key/invocations", JSON.writeValueAsString(
                Map.of("dataframe_records", List.of(Map.of("customer_id", 7)))));
        HttpResponse<String> keyless = serving.invoke("/churn-by-key/invocations", JSON.writeValueAsString(Map.of(
                "dataframe_records", List.of(Map.of("tenure", 3.0, "plan", "basic", "calls", 9)))));

        assertThat(overriding.statusCode()).as(overriding.body()).isEqualTo(200);
        assertThat(looking.statusCode()).as(looking.body()).isEqualTo(200);
        assertThat(predictionsOf(overriding)).containsExactly(predicted.get(other));
        assertThat(predictionsOf(looking)).containsExactly(predicted.get(2));
        assertThat(keyless.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(keyless.body()).path("message").asText()).contains("customer_id");
    }

    private static HttpResponse<String> score(List<Long> keys) throws Exception {
        List<Map<String, Object>> records = keys.stream().map(key -> Map.<String, Object>of("customer_id", key))
                .toList();
        String body = JSON.writeValueAsString(Map.of("dataframe_records", records));
        HttpResponse<String> answer = serving.invoke("/churn-by-key/invocations", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        HttpResponse<String> transformed = serving.send("POST", "/serving-endpoints/churn-by-key/invocations", body,
                "x-mllabs-scoring", "transform");
        assertThat(transformed.body()).as("the answer of Spark's transform").isEqualTo(answer.body());
        return answer;
    }

    /** What the feature store's batch scoring predicts for the keys, joining their latest features from Delta. */
    private static List<Double> batchScores(List<Long> keys) {
        Dataset<Row> rows = spark.createDataFrame(keys.stream().map(key -> RowFactory.create(key)).toList(),
                new StructType().add("customer_id", DataTypes.LongType, false));
        return store.scoreBatch("models:/" + model + "/1", rows).orderBy("customer_id").select("prediction")
                .collectAsList().stream()
                .map(row -> row.getDouble(0)).toList();
    }

    private static Dataset<Row> snapshots(long seed, Timestamp time) {
        return spark.createDataFrame(snapshotRows(seed, time), TABLE_SCHEMA);
    }

    /** Each customer's features at a time, from a seed. */
    private static List<Row> snapshotRows(long seed, Timestamp time) {
        Random random = new Random(seed);
        String[] plans = {"basic", "plus", "premium"};
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < CUSTOMERS; id++) {
            rows.add(RowFactory.create(id, time, Math.round(random.nextDouble() * 7200) / 100.0,
                    plans[random.nextInt(plans.length)], (long) random.nextInt(10)));
        }
        return rows;
    }

    /** A label a customer and snapshot, a little after it, that depends on the snapshot's features with noise. */
    private static Dataset<Row> labels(List<Row> snapshots, Timestamp labelTime) {
        Random random = new Random(5L);
        List<Row> rows = new ArrayList<>();
        for (Row snapshot : snapshots) {
            double score = -0.08 * snapshot.getDouble(2) + (snapshot.getString(3).equals("basic") ? 1.0 : 0.0)
                    + 0.4 * snapshot.getLong(4) - 1 + random.nextGaussian();
            rows.add(RowFactory.create(snapshot.getLong(0), labelTime, score > 0 ? 1.0 : 0.0));
        }
        return spark.createDataFrame(rows, new StructType().add("customer_id", DataTypes.LongType, false)
                .add("label_time", DataTypes.TimestampType, false).add("label", DataTypes.DoubleType, false));
    }

    private static Timestamp day(int day) {
        return Timestamp.from(Instant.parse(String.format("2024-01-%02dT00:00:00Z", day)));
    }
}
