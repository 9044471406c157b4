package org.mllabs.runtime.automl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunSystemTags;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModelLogger;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.search.Algorithm;
import org.mllabs.runtime.search.MlflowTrialLogger;
import org.mllabs.runtime.search.Objective;
import org.mllabs.runtime.search.Params;
import org.mllabs.runtime.search.Search;
import org.mllabs.runtime.search.SearchOptions;
import org.mllabs.runtime.search.TrialResult;
import org.mllabs.runtime.search.Trials;

/**
 * AutoML on Spark MLlib, the counterpart of Databricks AutoML: given data, a target, a metric and a time budget, it
 * profiles the data ({@link DataProfiler}), searches estimators and their hyperparameters with TPE
 * ({@link EstimatorFamily#searchSpace}, {@code org.mllabs.runtime.search}), logs every trial as a child run with its
 * model and the Java source that reproduces it ({@link TrialSource}), stops at the budget ({@link TrialBudget}), and
 * returns the leaderboard.
 *
 * <pre>{@code
 * AutoMlResult result = new AutoMl(context.mlflow(), context.models()).run(
 *         TrainingData.of(context.spark(), context.datasets(), LabDataset.CUSTOMER_CHURN),
 *         AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC, Duration.ofSeconds(30))
 *                 .withExperiment(context.experimentName()).withRunTags(context.runTags()));
 * PipelineModel best = context.models().load(result.bestModelUri());
 * }</pre>
 *
 * <p>In MLflow: the parent run (named {@link AutoMlRun#runName()}) has the params {@code target}, {@code metric},
 * {@code budget_seconds}, {@code seed}, {@code max_trials}, {@code parallelism}, {@code train_fraction}; the
 * artifacts {@code profile.json}, {@code profile.md}, {@code leaderboard.csv}, {@code leaderboard.md}; the metrics
 * {@code best_<metric>}, {@code trials}, {@code failed_trials}, the search's {@code best_loss}, and the seconds
 * from the start at which profiling, the feature stages and the search ended ({@code profile_seconds},
 * {@code features_seconds}, {@code search_seconds}); the tags
 * {@value #BEST_RUN_TAG} and {@value #BEST_MODEL_TAG} (the best model is the best trial's, referenced rather than
 * logged twice). Each trial's run has {@code estimator} and its nested values as params, {@code loss} and the metric
 * as metrics, {@value #ESTIMATOR_TAG}, the model under {@value #MODEL_PATH} and {@code trial/Trial_<n>.java}.
 */
public final class AutoMl {

    /** Where each trial's model is logged. */
    public static final String MODEL_PATH = "model";
    /** The trial run's tag with its estimator family. */
    public static final String ESTIMATOR_TAG = "mllabs.automl.estimator";
    /**
     * The failure of a trial stopped at the time budget, the value of its tag
     * {@link org.mllabs.runtime.search.MlflowTrialLogger#FAILURE_TAG}.
     */
    public static final String STOPPED_AT_BUDGET = "stopped at the time budget";
    /** The parent's tag with the best trial's run. */
    public static final String BEST_RUN_TAG = "mllabs.automl.best_run_id";
    /** The parent's tag with the best model's URI. */
    public static final String BEST_MODEL_TAG = "mllabs.automl.best_model_uri";

    private final LabMlflow mlflow;
    private final SparkModels models;

    /**
     * @param mlflow the server the runs go to
     * @param models logs the trials' models
     */
    public AutoMl(LabMlflow mlflow, SparkModels models) {
        this.mlflow = mlflow;
        this.models = models;
    }

    /** Runs AutoML on the data within the settings' budget; the parent run is FINISHED when this returns. */
    public AutoMlResult run(TrainingData data, AutoMlRun settings) {
        Instant start = Instant.now();
        MlflowClient client = mlflow.client();
        String parentRunId = startParent(settings, data.target(), start);
        try {
            AutoMlResult result = search(data, settings, start, parentRunId);
            client.setTerminated(parentRunId, RunStatus.FINISHED);
            return new AutoMlResult(result.parentRunId(), result.profile(), result.leaderboard(), result.trials(),
                    Duration.between(start, Instant.now()));
        } catch (RuntimeException | Error e) {
            client.setTerminated(parentRunId, RunStatus.FAILED);
            throw e;
        }
    }

    private AutoMlResult search(TrainingData data, AutoMlRun settings, Instant start, String parentRunId) {
        boolean classification = settings.metric().classification();
        DataProfile profile = DataProfiler.profile(data.frame(), data.target(), classification);
        mlflow.artifacts().upload(parentRunId, "profile.json", profile.toJson().getBytes(StandardCharsets.UTF_8));
        mlflow.artifacts().upload(parentRunId, "profile.md", profile.toMarkdown().getBytes(StandardCharsets.UTF_8));
        mlflow.client().logMetric(parentRunId, "profile_seconds", seconds(start));
        FeaturePlan plan = profile.featurePlan();
        PreparedSplit split = PreparedSplit.of(plan, data.split(settings.trainFraction(), settings.seed()));
        mlflow.client().logMetric(parentRunId, "features_seconds", seconds(start));
        SparkContext spark = data.frame().sparkSession().sparkContext();
        Map<Params, FittedTrial> fitted = new ConcurrentHashMap<>();
        ModelSignature signature = ModelSignature.infer(plan.inputSchema(data.frame().schema()),
                new StructType().add("prediction", DataTypes.DoubleType, false));
        try (TrialBudget budget = TrialBudget.start(start, settings.budget(), settings.parallelism(), spark,
                "mllabs-automl-" + UUID.randomUUID())) {
            AutoMlTrialLogger logger = new AutoMlTrialLogger(
                    new MlflowTrialLogger(mlflow, parentRunId, settings.runTags()), mlflow, models, signature, data,
                    settings, fitted, budget);
            Objective objective = objective(settings, data.target(), plan, split, budget, fitted);
            Trials trials = Search.minimize(objective, EstimatorFamily.searchSpace(classification), Algorithm.TPE,
                    settings.maxTrials(), settings.parallelism(), settings.seed(),
                    SearchOptions.defaults().withLogger(logger).withDeadline(budget::trialsDeadline));
            mlflow.client().logMetric(parentRunId, "search_seconds", seconds(start));
            Leaderboard leaderboard = logger.leaderboard();
            summarize(parentRunId, settings, leaderboard, trials);
            return new AutoMlResult(parentRunId, profile, leaderboard, trials.size(), Duration.ZERO);
        } finally {
            split.unpersist();
        }
    }

    private static Objective objective(AutoMlRun settings, String target, FeaturePlan plan, PreparedSplit split,
                                       TrialBudget budget, Map<Params, FittedTrial> fitted) {
        boolean classification = settings.metric().classification();
        SparkContext spark = split.train().sparkSession().sparkContext();
        return params -> {
            EstimatorFamily family = EstimatorFamily.named(params.getString(EstimatorFamily.CHOICE_LABEL),
                    classification);
            TrialPipeline pipeline = new TrialPipeline(plan, family.estimator(params, target, settings.seed()),
                    settings.metric().evaluator(target));
            spark.setJobGroup(budget.jobGroup(), "AutoML trial " + params, false);
            try {
                PipelineModel model = pipeline.fit(split);
                double value = pipeline.evaluate(model, split);
                fitted.put(params, new FittedTrial(family, pipeline, SparkModelLogger.save(model), value));
                return TrialResult.ok(settings.metric().loss(value),
                        Map.of(settings.metric().metricName(), value));
            } catch (Exception e) {
                // a cancelled Spark job surfaces as SparkException, which Java sees as checked
                if (budget.expired()) {
                    return TrialResult.fail(STOPPED_AT_BUDGET);
                }
                throw e;
            } finally {
                spark.clearJobGroup();
            }
        };
    }

    /** Seconds since the run's start. */
    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private String startParent(AutoMlRun settings, String target, Instant start) {
        MlflowClient client = mlflow.client();
        String experimentId = mlflow.activeExperiment(settings.experimentName())
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> client.createExperiment(settings.experimentName()));
        CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName(settings.runName()).setStartTime(start.toEpochMilli());
        RunSystemTags.note(settings.runTags(), "AutoML parent run: the runtime profiled the data, searched "
                        + settings.metric().metricName() + " for " + target + " over estimator families with TPE in a "
                        + "budget of " + settings.budget().toSeconds() + " s, one nested run a trial; the leaderboard "
                        + "and the data profile are its artifacts.")
                .forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = client.createRun(request.build()).getRunId();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("target", target);
        params.put("metric", settings.metric().metricName());
        params.put("budget_seconds", String.valueOf(settings.budget().toMillis() / 1000.0));
        params.put("seed", String.valueOf(settings.seed()));
        params.put("max_trials", String.valueOf(settings.maxTrials()));
        params.put("parallelism", String.valueOf(settings.parallelism()));
        params.put("train_fraction", String.valueOf(settings.trainFraction()));
        client.logBatch(runId, List.of(), params.entrySet().stream()
                .map(e -> Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build()).toList(), List.of());
        return runId;
    }

    private void summarize(String parentRunId, AutoMlRun settings, Leaderboard leaderboard, Trials trials) {
        MlflowClient client = mlflow.client();
        mlflow.artifacts().upload(parentRunId, "leaderboard.csv",
                leaderboard.toCsv().getBytes(StandardCharsets.UTF_8));
        mlflow.artifacts().upload(parentRunId, "leaderboard.md",
                leaderboard.toMarkdown().getBytes(StandardCharsets.UTF_8));
        client.logMetric(parentRunId, "trials", trials.size());
        client.logMetric(parentRunId, "failed_trials", trials.failures().size());
        leaderboard.best().ifPresent(best -> {
            client.logMetric(parentRunId, "best_" + settings.metric().metricName(), best.metric());
            client.setTag(parentRunId, BEST_RUN_TAG, best.runId());
            client.setTag(parentRunId, BEST_MODEL_TAG, "runs:/" + best.runId() + "/" + MODEL_PATH);
        });
    }
}
