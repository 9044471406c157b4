package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mllabs.runtime.featurestore.FeatureRows.day;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.mlflow.DeltaTableInput;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.model.LoggedModel;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;

/** A model logged through the feature store carries its lineage, and scores keys with features it looks up itself. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class FeatureStoreIT {

    private static final String TABLE = "customer_features";

    @Test
    void aModelLoggedWithItsTrainingSetScoresKeysWithFeaturesLookedUpAtTheirTime(MlflowServer server,
            SparkSession spark, @TempDir Path root, @TempDir Path cache) throws Exception {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            FeatureStore store = new FeatureStore(spark, root, mlflow, cache);
            store.createTable(TABLE, List.of("customer_id"), "ts", FeatureRows.table(spark, FeatureRows.FEATURES,
                    new Object[] {"a", day(1), 0L, "basic"},
                    new Object[] {"a", day(10), 9L, "basic"},
                    new Object[] {"b", day(1), 1L, "basic"},
                    new Object[] {"c", day(1), 8L, "basic"},
                    new Object[] {"d", day(1), 0L, "basic"}), "calls");
            Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                    new Object[] {"a", day(5), 0L},
                    new Object[] {"b", day(5), 0L},
                    new Object[] {"c", day(5), 1L},
                    new Object[] {"d", day(5), 0L});
            TrainingSet training = store.createTrainingSet(labels, List.of(
                    FeatureLookup.of(TABLE, List.of("customer_id"), List.of("calls"))
                            .withTimestampLookupKey("label_time")), "churned", List.of());
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"calls"}).setOutputCol("features"),
                new LogisticRegression().setLabelCol("churned")
            }).fit(training.loadDf());
            String runId = TestRuns.newRun(mlflow, "feature-store");

            LoggedModel logged = store.logModel(runId, "model", model, training, ModelSignature.infer(
                    new StructType().add("calls", DataTypes.LongType),
                    new StructType().add("prediction", DataTypes.DoubleType)));
            store.logTrainingSet(runId, training);

            FeatureSpec spec = FeatureSpec.fromYaml(new String(mlflow.artifacts().download(runId,
                    "model/" + FeatureSpec.FILE), StandardCharsets.UTF_8));
            assertThat(spec).isEqualTo(training.featureSpec());
            assertThat(mlflow.datasets().of(runId)).singleElement().satisfies(input -> {
                assertThat(input.name()).isEqualTo(TABLE);
                assertThat(input.sourceType()).isEqualTo(FeatureStore.DELTA_SOURCE);
                assertThat(new ObjectMapper().readTree(input.source()).path(DeltaTableInput.VERSION).asLong())
                        .isEqualTo(store.version(TABLE));
                assertThat(input.context()).isEqualTo("training");
            });
            assertThat(new String(mlflow.artifacts().download(runId, FeatureStore.TRAINING_SET_ROWS),
                    StandardCharsets.UTF_8).lines()).hasSize(4)
                    .contains("{\"customer_id\":\"a\",\"label_time\":\"2024-01-05T00:00:00Z\","
                            + "\"churned\":0,\"calls\":0}");

            StructType keySchema = new StructType().add("customer_id", DataTypes.StringType)
                    .add("label_time", DataTypes.TimestampType);
            Dataset<Row> scored = store.scoreBatch(logged.modelUri(), FeatureRows.table(spark, keySchema,
                    new Object[] {"a", day(5)}, new Object[] {"a", day(12)}));
            assertThat(scored.columns()).containsExactly("customer_id", "label_time", "calls", "prediction");
            assertThat(scored.orderBy("label_time").select(col("calls")).collectAsList())
                    .extracting(row -> row.getLong(0)).containsExactly(0L, 9L);
            assertThat(store.scoreBatch(logged.modelUri(), FeatureRows.table(spark, keySchema,
                    new Object[] {"a", day(5)}).drop("label_time")).first().getLong(1))
                    .as("keys without their time get the latest features").isEqualTo(9L);
        }
    }

    @Test
    void aModelLoggedWithoutTheFeatureStoreCannotBeScoredByKey(MlflowServer server, SparkSession spark,
            @TempDir Path root, @TempDir Path cache) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            FeatureStore store = new FeatureStore(spark, root, mlflow, cache);
            Dataset<Row> rows = FeatureRows.table(spark, FeatureRows.LABELS, new Object[] {"a", day(1), 0L},
                    new Object[] {"b", day(1), 1L});
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"churned"}).setOutputCol("features")
            }).fit(rows);
            String runId = TestRuns.newRun(mlflow, "feature-store");
            new SparkModels(mlflow, cache).log(runId, model, null);

            assertThatThrownBy(() -> store.scoreBatch("runs:/" + runId + "/model", rows))
                    .hasMessageContaining("not logged with FeatureStore.logModel");
        }
    }
}
