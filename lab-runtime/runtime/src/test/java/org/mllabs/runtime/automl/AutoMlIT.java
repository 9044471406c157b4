package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.search.MlflowTrialLogger;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * A 20-second AutoML run on the churn data against a real MLflow server. The budget is the service's promise about its
 * own work, so the test first warms the fresh test JVM up with a 10-second run, untimed: on a loaded 2-core machine the
 * first Spark jobs of a JVM (compiling their generated code, loading the Parquet writer) took most of a 20 s budget.
 * It runs while no other test class does ({@link Isolated}): the module's integration test classes run side by side.
 */
@Tag("integration")
@Isolated
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class AutoMlIT {

    private static final Duration BUDGET = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Map<String, String> RUN_TAGS = Map.of("mllabs.lab", "automl-it", "mllabs.learner", "ada");

    @Test
    void aBudgetedRunLogsItsTrialsRanksThemAndEndsWithinTheBudget(MlflowServer server, SparkSession spark,
                                                                  @TempDir Path work) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            TrainingData data = TrainingData.of(spark, LabDatasets.locate(), LabDataset.CUSTOMER_CHURN);
            new AutoMl(mlflow, new SparkModels(mlflow, work)).run(data, AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC,
                    WARM_UP).withExperiment("/automl-it/warm-up").withRunTags(RUN_TAGS));
            AutoMlRun settings = AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC, BUDGET)
                    .withExperiment("/automl-it/" + System.nanoTime()).withRunTags(RUN_TAGS);

            AutoMlResult result = new AutoMl(mlflow, new SparkModels(mlflow, work)).run(data, settings);

            Run parent = mlflow.client().getRun(result.parentRunId());
            RunInfo info = parent.getInfo();
            double wallSeconds = (info.getEndTime() - info.getStartTime()) / 1000.0;
            System.out.printf(Locale.ROOT, "AutoML budget %d s: %d trials, profiled at %.1f s, features at %.1f s, "
                    + "search over at %.1f s, wall time %.1f s in MLflow, overrun %.1f %%%n", BUDGET.toSeconds(),
                    result.trials(), RunData.metrics(parent).get("profile_seconds"),
                    RunData.metrics(parent).get("features_seconds"), RunData.metrics(parent).get("search_seconds"),
                    wallSeconds, 100 * (wallSeconds / BUDGET.toSeconds() - 1));
            assertThat(info.getStatus()).isEqualTo(RunStatus.FINISHED);
            assertThat(wallSeconds).as("the parent run's wall time").isLessThanOrEqualTo(BUDGET.toSeconds() * 1.1);

            List<Run> finished = mlflow.client().searchRuns(List.of(info.getExperimentId()),
                    "tags.mlflow.parentRunId = '" + result.parentRunId() + "' AND attributes.status = 'FINISHED'",
                    ViewType.ACTIVE_ONLY, 1000).getItems();
            assertThat(finished).hasSizeGreaterThan(1).hasSize(result.leaderboard().entries().size());
            List<Run> failed = mlflow.client().searchRuns(List.of(info.getExperimentId()),
                    "tags.mlflow.parentRunId = '" + result.parentRunId() + "' AND attributes.status = 'FAILED'",
                    ViewType.ACTIVE_ONLY, 1000).getItems();
            assertThat(failed).as("only a trial running at the deadline fails").hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(trial -> assertThat(RunData.tags(trial))
                            .containsEntry(MlflowTrialLogger.FAILURE_TAG, AutoMl.STOPPED_AT_BUDGET));
            assertThat(finished.stream().map(run -> RunData.params(run).get("estimator")).distinct())
                    .as("estimator families tried").hasSizeGreaterThan(1);
            List<String> byAuc = finished.stream()
                    .sorted(Comparator.comparingDouble((Run run) -> RunData.metrics(run).get("areaUnderROC"))
                            .reversed())
                    .map(RunData::id).toList();
            assertThat(result.leaderboard().entries()).extracting(LeaderboardEntry::runId)
                    .containsExactlyElementsOf(byAuc);
            assertThat(RunData.tags(parent)).containsAllEntriesOf(RUN_TAGS)
                    .containsEntry(AutoMl.BEST_RUN_TAG, byAuc.get(0))
                    .containsEntry(MlflowTrialLogger.BEST_RUN_TAG, byAuc.get(0))
                    .containsEntry(AutoMl.BEST_MODEL_TAG, "runs:/" + byAuc.get(0) + "/model");
            assertThat(RunData.params(parent)).containsEntry("target", "churned")
                    .containsEntry("metric", "areaUnderROC");
            for (Run trial : finished) {
                int number = Integer.parseInt(RunData.tags(trial).get(MlflowTrialLogger.TRIAL_TAG));
                assertThat(RunData.tags(trial)).containsAllEntriesOf(RUN_TAGS)
                        .containsEntry(AutoMl.ESTIMATOR_TAG, RunData.params(trial).get("estimator"));
                assertThat(new String(mlflow.artifacts().download(RunData.id(trial), "model/MLmodel"),
                        StandardCharsets.UTF_8)).contains("signature");
                assertThat(new String(mlflow.artifacts().download(RunData.id(trial), TrialSource.artifactPath(number)),
                        StandardCharsets.UTF_8)).contains("public final class Trial_" + number);
            }
            assertThat(new String(mlflow.artifacts().download(result.parentRunId(), "leaderboard.csv"),
                    StandardCharsets.UTF_8).lines()).hasSize(finished.size() + 1);
            assertThat(new String(mlflow.artifacts().download(result.parentRunId(), "profile.json"),
                    StandardCharsets.UTF_8)).contains("\"customer_id\"", "id-like");
        }
    }
}
