package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * Models read back by {@link LearnerRuns} from a real MLflow server. The test JVM already runs a Spark session (a
 * test's, as a class-grading JVM may), so a load that works tells nothing by itself: what matters is that the grade's
 * own session serves it, as it must in {@code lab grade}, where no other session runs.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class LearnerRunsIT {

    private static final String LAB = "lab99";

    @Test
    void aLoggedModelIsLoadedWithTheGradesSparkSession(MlflowServer server, SparkSession spark, @TempDir Path work) {
        LearnerId learner = LabFixture.newLearner("models");
        logRun(server, spark, learner, work, true);

        try (GradingContext context = GradingContext.of(learner, server)) {
            LearnerRuns runs = LearnerRuns.of(context, LAB);
            Run run = runs.runs("").get(0);

            assertThat(runs.model(run, "model")).hasValueSatisfying(model ->
                    assertThat(model.stages()).hasSize(1).hasOnlyElementsOfType(VectorAssembler.class));
            assertThat(context.spark().started()).isTrue();
        }
    }

    @Test
    void aRunWithoutAModelThereHasNoneAndStartsNoSpark(MlflowServer server, SparkSession spark, @TempDir Path work) {
        LearnerId learner = LabFixture.newLearner("no-model");
        logRun(server, spark, learner, work, false);

        try (GradingContext context = GradingContext.of(learner, server)) {
            LearnerRuns runs = LearnerRuns.of(context, LAB);
            Run run = runs.runs("").get(0);

            assertThat(runs.model(run, "model")).isEmpty();
            assertThat(context.spark().started()).isFalse();
        }
    }

    @Test
    void preloadedModelsAreLoadedOnceAndARunWithoutOneHasNone(MlflowServer server, SparkSession spark,
                                                              @TempDir Path work) {
        LearnerId learner = LabFixture.newLearner("preload");
        logRun(server, spark, learner, work, true);
        logRun(server, spark, learner, work, true);
        logRun(server, spark, learner, work, false);

        try (GradingContext context = GradingContext.of(learner, server)) {
            LearnerRuns runs = LearnerRuns.of(context, LAB);
            List<Run> all = runs.runs("");
            runs.preload(all, "model");

            List<Optional<PipelineModel>> first = all.stream().map(run -> runs.model(run, "model")).toList();
            List<Optional<PipelineModel>> again = all.stream().map(run -> runs.model(run, "model")).toList();

            assertThat(first).filteredOn(Optional::isPresent).hasSize(2);
            for (int i = 0; i < all.size(); i++) {
                assertThat(again.get(i)).isSameAs(first.get(i));
            }
        }
    }

    @Test
    void aModelThatCannotBeLoadedFailsTheCallThatAsksForIt(MlflowServer server, SparkSession spark,
                                                           @TempDir Path work) {
        LearnerId learner = LabFixture.newLearner("broken-model");
        String runId = logRun(server, spark, learner, work, false);
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            mlflow.artifacts().upload(runId, "model/MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8));
        }

        try (GradingContext context = GradingContext.of(learner, server)) {
            LearnerRuns runs = LearnerRuns.of(context, LAB);
            Run run = runs.runs("").get(0);
            runs.preload(List.of(run), "model");

            assertThatThrownBy(() -> runs.model(run, "model"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no spark flavor");
        }
    }

    /**
     * A run in the learner's experiment of the lab (created when missing), with a one-stage pipeline logged under
     * model/ or not; returns the run's id.
     */
    private static String logRun(MlflowServer server, SparkSession spark, LearnerId learner, Path work,
                               boolean withModel) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            String experimentId = mlflow.activeExperiment(learner.experimentName(LAB))
                    .map(Experiment::getExperimentId)
                    .orElseGet(() -> mlflow.client().createExperiment(learner.experimentName(LAB)));
            String runId = mlflow.client().createRun(experimentId).getRunId();
            mlflow.artifacts().upload(runId, "notes.txt", new byte[] {'x'});
            if (withModel) {
                StructType schema = new StructType().add("x", DataTypes.DoubleType, false);
                Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(1.0)), schema);
                PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
                    new VectorAssembler().setInputCols(new String[] {"x"}).setOutputCol("features")
                }).fit(rows);
                new SparkModels(mlflow, work).log(runId, model, null);
            }
            return runId;
        }
    }
}
