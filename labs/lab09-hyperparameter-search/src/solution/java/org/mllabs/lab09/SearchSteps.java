package org.mllabs.lab09;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.search.Algorithm;
import org.mllabs.runtime.search.MlflowTrialLogger;
import org.mllabs.runtime.search.Objective;
import org.mllabs.runtime.search.Search;
import org.mllabs.runtime.search.SearchOptions;
import org.mllabs.runtime.search.SearchSpace;
import org.mllabs.runtime.search.TpeSettings;
import org.mllabs.runtime.search.TrialResult;
import org.mllabs.runtime.search.Trials;

/**
 * Lab 09, reference solution of the steps.
 */
final class SearchSteps {

    private final LabContext context;
    private final MlflowClient mlflow;

    SearchSteps(LabContext context) {
        this.context = context;
        this.mlflow = context.tracking();
    }

    /** Step 1: the search space: reg_param, elastic_net and max_iter. */
    SearchSpace space() {
        // DONE lab09.step1
        return SearchSpace.builder()
                .logUniform("reg_param", 1e-4, 1)
                .uniform("elastic_net", 0, 1)
                .quniform("max_iter", 10, 30, 10)
                .build();
    }

    /** Step 2: the objective: fits a pipeline on the training part, loss = 1 - validation AUC. */
    Objective objective(Dataset<Row> train, Dataset<Row> validation, TrialModels models) {
        // DONE lab09.step2
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        return params -> {
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(SearchLab.FEATURES.toArray(String[]::new)).setOutputCol("features"),
                new LogisticRegression().setLabelCol(label)
                        .setRegParam(params.getDouble("reg_param"))
                        .setElasticNetParam(params.getDouble("elastic_net"))
                        .setMaxIter(params.getInt("max_iter"))
            }).fit(train);
            double auc = new BinaryClassificationEvaluator().setLabelCol(label).setMetricName("areaUnderROC")
                    .evaluate(model.transform(validation));
            models.keep(params, model);
            return TrialResult.ok(1 - auc, Map.of("val_auc", auc));
        };
    }

    /** Step 3: one search as a parent run whose trials are child runs; the parent is finished. */
    SearchRun runSearch(String experimentId, Algorithm algorithm, SearchSpace space, Objective objective) {
        // DONE lab09.step3
        String parentRunId = startRun(experimentId, "search-" + algorithm.name().toLowerCase(Locale.ROOT));
        mlflow.logParam(parentRunId, "algorithm", algorithm.name());
        mlflow.logParam(parentRunId, "max_evals", String.valueOf(SearchLab.MAX_EVALS));
        mlflow.logParam(parentRunId, "parallelism", String.valueOf(SearchLab.PARALLELISM));
        mlflow.logParam(parentRunId, "seed", String.valueOf(SearchLab.SEED));
        MlflowTrialLogger logger = new MlflowTrialLogger(context.mlflow(), parentRunId, context.runTags());
        SearchOptions options = SearchOptions.defaults()
                .withTpe(TpeSettings.defaults().withStartupTrials(SearchLab.TPE_STARTUP_TRIALS))
                .withLogger(logger);
        Trials trials = Search.minimize(objective, space, algorithm, SearchLab.MAX_EVALS, SearchLab.PARALLELISM,
                SearchLab.SEED, options);
        mlflow.setTerminated(parentRunId, RunStatus.FINISHED);
        return new SearchRun(algorithm, parentRunId, trials, logger.runIds());
    }

    /** Step 4: reads the trials back from MLflow and records each search's best loss on a summary run. */
    Comparison compare(String experimentId, List<SearchRun> searches) {
        // DONE lab09.step4
        String summaryRunId = startRun(experimentId, "search-comparison");
        Run overallBest = null;
        for (SearchRun search : searches) {
            List<Run> best = mlflow.searchRuns(List.of(experimentId),
                    "tags.mlflow.parentRunId = '" + search.parentRunId() + "' AND attributes.status = 'FINISHED'",
                    ViewType.ACTIVE_ONLY, 1, List.of("metrics.loss ASC")).getItems();
            Run winner = best.get(0);
            double loss = RunData.metrics(winner).get("loss");
            String algorithm = search.algorithm().name().toLowerCase(Locale.ROOT);
            mlflow.logMetric(summaryRunId, algorithm + "_best_loss", loss);
            mlflow.setTag(summaryRunId, algorithm + "_best_run_id", RunData.id(winner));
            context.log(String.format(Locale.ROOT, "%s: best loss %.4f (%s)", algorithm, loss, RunData.name(winner)));
            if (overallBest == null || loss < RunData.metrics(overallBest).get("loss")) {
                overallBest = winner;
            }
        }
        mlflow.setTag(summaryRunId, "best_run_id", RunData.id(overallBest));
        mlflow.setTerminated(summaryRunId, RunStatus.FINISHED);
        return new Comparison(summaryRunId, RunData.id(overallBest));
    }

    /** Step 5: registers the best trial's model and points the alias Champion at it. */
    ModelVersion registerBest(Comparison comparison) {
        // DONE lab09.step5
        ModelRegistry registry = context.mlflow().registry();
        String name = LearnerModelNames.catalogName(context.learner(), "churn_search");
        if (registry.findRegisteredModel(name).isEmpty()) {
            registry.createRegisteredModel(name, context.runTags(), "The best trial of lab 09's searches");
        }
        ModelVersion version = context.models().register(name, comparison.bestTrialRunId(), SearchLab.MODEL_PATH);
        registry.setAlias(name, "Champion", version.version());
        context.log("Registered " + name + " version " + version.version() + " as @Champion");
        return version;
    }

    private String startRun(String experimentId, String name) {
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(name)
                .setStartTime(System.currentTimeMillis());
        context.runTags().forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return mlflow.createRun(request.build()).getRunId();
    }
}
