package org.mllabs.runtime.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.ViewType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;

/** Searches whose trials are logged as child runs on a real MLflow server. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class MlflowTrialLoggerIT {

    private static final Map<String, String> RUN_TAGS = Map.of("mllabs.lab", "search-it", "mllabs.learner", "ada");

    private static LabMlflow mlflow;

    @BeforeAll
    static void connect(MlflowServer server) {
        mlflow = LabMlflow.open(server.trackingUri());
    }

    @AfterAll
    static void close() {
        mlflow.close();
    }

    @Test
    void eachTrialBecomesAChildRunWithItsParamsLossAndStatus() {
        String parentRunId = TestRuns.newRun(mlflow, "search");
        MlflowTrialLogger logger = new MlflowTrialLogger(mlflow, parentRunId, RUN_TAGS);

        Trials trials = Search.minimize(params -> params.get("shape").equals("flat")
                        ? TrialResult.fail("flat is not allowed")
                        : TrialResult.ok(KnownFunction.loss(params), Map.of("x_abs", Math.abs(params.getDouble("x")))),
                KnownFunction.SPACE, Algorithm.TPE, 8, 2, 5, SearchOptions.defaults().withLogger(logger));

        Map<String, Run> children = childrenOf(parentRunId);
        assertThat(children).hasSize(8);
        for (Trial trial : trials.trials()) {
            Run run = children.get(String.valueOf(trial.number()));
            Map<String, String> tags = RunData.tags(run);
            assertThat(tags).containsAllEntriesOf(RUN_TAGS)
                    .containsEntry(RunData.PARENT_RUN_ID, parentRunId)
                    .containsEntry(MlflowTrialLogger.STATUS_TAG, trial.isOk() ? "OK" : "FAIL");
            assertThat(run.getInfo().getRunName()).isEqualTo("trial-" + trial.number());
            assertThat(RunData.params(run)).containsOnlyKeys(trial.params().asMap().keySet())
                    .containsEntry("x", String.valueOf(trial.params().getDouble("x")));
            Map<String, Double> metrics = RunData.metrics(run);
            if (trial.isOk()) {
                assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FINISHED);
                assertThat(metrics).containsEntry(MlflowTrialLogger.LOSS_METRIC, trial.loss()).containsKey("x_abs");
            } else {
                assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
                assertThat(metrics).doesNotContainKey(MlflowTrialLogger.LOSS_METRIC);
                assertThat(tags).containsEntry(MlflowTrialLogger.FAILURE_TAG, "flat is not allowed");
            }
        }
        Trial best = trials.best().orElseThrow();
        Run parent = mlflow.client().getRun(parentRunId);
        assertThat(RunData.metrics(parent)).containsEntry(MlflowTrialLogger.BEST_LOSS_METRIC, best.loss());
        assertThat(RunData.tags(parent))
                .containsEntry(MlflowTrialLogger.BEST_TRIAL_TAG, String.valueOf(best.number()))
                .containsEntry(MlflowTrialLogger.BEST_RUN_TAG, logger.runIds().get(best.number()));
    }

    @Test
    void aTwentyTrialSparkSearchOnALabDatasetLogsEveryTrial(SparkSession spark) {
        // Both trials of a batch fit on the one shared session at once. The wall time is printed, not asserted: on a
        // machine shared with other work it measures the load, not the search.
        String[] features = {"tenure_months", "monthly_charges", "total_charges", "support_calls"};
        String[] imputed = Arrays.stream(features).map(f -> f + "_imputed").toArray(String[]::new);
        Dataset<Row> churn = LabDatasets.locate().load(spark, LabDataset.CUSTOMER_CHURN);
        Dataset<Row> prepared = new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(features).setOutputCols(imputed),
            new VectorAssembler().setInputCols(imputed).setOutputCol("features"),
        }).fit(churn).transform(churn).select("features", "churned");
        Dataset<Row>[] split = prepared.randomSplit(new double[] {0.8, 0.2}, 7);
        split[0].cache().count();
        split[1].cache().count();
        SearchSpace space = SearchSpace.builder()
                .logUniform("reg_param", 1e-4, 1)
                .uniform("elastic_net", 0, 1)
                .quniform("max_iter", 10, 50, 10)
                .choice("standardize", true, false)
                .build();
        Objective objective = params -> {
            LogisticRegression model = new LogisticRegression().setLabelCol("churned")
                    .setRegParam(params.getDouble("reg_param"))
                    .setElasticNetParam(params.getDouble("elastic_net"))
                    .setMaxIter(params.getInt("max_iter"))
                    .setStandardization((Boolean) params.get("standardize"));
            double auc = new BinaryClassificationEvaluator().setLabelCol("churned")
                    .evaluate(model.fit(split[0]).transform(split[1]));
            return TrialResult.ok(1 - auc, Map.of("auc", auc));
        };
        String parentRunId = TestRuns.newRun(mlflow, "search-churn");

        long start = System.nanoTime();
        Trials trials = Search.minimize(objective, space, Algorithm.TPE, 20, 2, 11,
                SearchOptions.defaults().withLogger(new MlflowTrialLogger(mlflow, parentRunId, RUN_TAGS)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("20-trial TPE search on customer_churn, parallelism 2: %.1f s, best AUC %.4f%n", seconds,
                1 - trials.best().orElseThrow().loss());

        assertThat(trials.failures()).isEmpty();
        assertThat(childrenOf(parentRunId)).hasSize(20);
        assertThat(1 - trials.best().orElseThrow().loss()).isGreaterThan(0.7);
    }

    private static Map<String, Run> childrenOf(String parentRunId) {
        String experimentId = mlflow.client().getRun(parentRunId).getInfo().getExperimentId();
        List<Run> runs = mlflow.client().searchRuns(List.of(experimentId),
                "tags.mlflow.parentRunId = '" + parentRunId + "'", ViewType.ALL, 100, List.of()).getItems();
        return runs.stream().collect(Collectors.toMap(
                run -> RunData.tags(run).get(MlflowTrialLogger.TRIAL_TAG), Function.identity()));
    }
}
