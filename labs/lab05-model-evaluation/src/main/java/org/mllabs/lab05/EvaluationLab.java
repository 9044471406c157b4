package org.mllabs.lab05;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;

/**
 * Lab 05, given code: opens one MLflow run per {@link EvaluationTask}, splits each task's data (steps 1 and 2), trains
 * and logs each model under {@code model/}, then calls the other steps in {@link EvaluationSteps} to evaluate the
 * models (steps 3 to 5), build a baseline for each, logged under {@code baseline/} (step 6), and compare the two
 * (step 7). For every split it logs the keys of the test rows as {@value #TEST_KEYS} and of the training rows as
 * {@value #TRAIN_KEYS}, so that the grader can count the classes on each side and recompute every metric on the same
 * rows itself. You do not need to change this class.
 */
public final class EvaluationLab implements LabExercise {

    /** The share of each dataset the models are trained on. */
    static final double TRAIN_FRACTION = 0.8;
    /** The seed of every split. */
    static final long SPLIT_SEED = 42L;
    /** The artifact that lists the keys of a split's test rows, one a line after a header. */
    static final String TEST_KEYS = "split/test_keys.csv";
    /** The artifact that lists the keys of a split's training rows, one a line after a header. */
    static final String TRAIN_KEYS = "split/train_keys.csv";

    @Override
    public void run(LabContext context) {
        EvaluationSteps steps = new EvaluationSteps(context);
        MlflowClient mlflow = context.tracking();
        String experimentId = mlflow.getExperimentByName(context.experimentName())
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> mlflow.createExperiment(context.experimentName()));
        Map<EvaluationTask, String> runs = new EnumMap<>(EvaluationTask.class);
        for (EvaluationTask task : EvaluationTask.values()) {
            runs.put(task, startRun(context, experimentId, task.runName()));
        }
        Map<EvaluationTask, Split> splits = split(context, steps, runs);
        Map<EvaluationTask, Map<String, Double>> metrics = trainAndEvaluate(context, steps, runs, splits);
        Map<EvaluationTask, PipelineModel> baselines = new EnumMap<>(EvaluationTask.class);
        for (EvaluationTask task : EvaluationTask.values()) {
            PipelineModel baseline = task.baseline(steps, splits.get(task).train());
            context.models().log(runs.get(task), "baseline", baseline, task.signature());
            baselines.put(task, baseline);
        }
        for (EvaluationTask task : EvaluationTask.values()) {
            Map<String, Double> scored = task.evaluate(steps, baselines.get(task), splits.get(task));
            context.log(task.runName() + " baseline: " + describe(scored));
            steps.recordComparison(runs.get(task), task.primaryMetric(), metrics.get(task), scored);
            mlflow.setTerminated(runs.get(task), RunStatus.FINISHED);
        }
    }

    /**
     * Steps 1 and 2: splits each task's data, stratified for the classification tasks, logs the keys of both sides of
     * every split, and has step 2 record the class shares of the stratified ones.
     */
    private static Map<EvaluationTask, Split> split(LabContext context, EvaluationSteps steps,
                                                    Map<EvaluationTask, String> runs) {
        Map<LabDataset, Dataset<Row>> data = load(context);
        Map<EvaluationTask, Split> splits = new EnumMap<>(EvaluationTask.class);
        for (EvaluationTask task : EvaluationTask.values()) {
            Dataset<Row> rows = data.get(task.dataset());
            Split split = task.stratumColumn()
                    .map(stratum -> steps.stratifiedSplit(rows, stratum, TRAIN_FRACTION, SPLIT_SEED))
                    .orElseGet(() -> Split.random(rows, TRAIN_FRACTION, SPLIT_SEED));
            splits.put(task, split.cached());
        }
        for (EvaluationTask task : EvaluationTask.values()) {
            logKeys(context, runs.get(task), splits.get(task), task);
            task.stratumColumn().ifPresent(stratum -> steps.logClassShares(runs.get(task), splits.get(task), stratum));
        }
        return splits;
    }

    /**
     * Trains each task's model, logs it under {@code model/}, then evaluates it (steps 3 to 5) and logs its metrics.
     */
    private static Map<EvaluationTask, Map<String, Double>> trainAndEvaluate(
            LabContext context, EvaluationSteps steps, Map<EvaluationTask, String> runs,
            Map<EvaluationTask, Split> splits) {
        Map<EvaluationTask, PipelineModel> models = new EnumMap<>(EvaluationTask.class);
        for (EvaluationTask task : EvaluationTask.values()) {
            PipelineModel model = task.fit(splits.get(task).train());
            context.models().log(runs.get(task), "model", model, task.signature());
            context.log(task.runName() + ": trained on " + splits.get(task).train().count()
                    + " rows, logged under model/");
            models.put(task, model);
        }
        Map<EvaluationTask, Map<String, Double>> metrics = new EnumMap<>(EvaluationTask.class);
        for (EvaluationTask task : EvaluationTask.values()) {
            Map<String, Double> scored = task.evaluate(steps, models.get(task), splits.get(task));
            scored.forEach((name, value) -> context.tracking().logMetric(runs.get(task), "test_" + name, value));
            context.log(task.runName() + ": " + describe(scored));
            metrics.put(task, scored);
        }
        return metrics;
    }

    /** The datasets the tasks learn from, cached; customer churn with its contract indexed for the multiclass task. */
    private static Map<LabDataset, Dataset<Row>> load(LabContext context) {
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN);
        Dataset<Row> indexed = new StringIndexer().setInputCol("contract")
                .setOutputCol(EvaluationTask.CONTRACT_INDEX).setStringOrderType("alphabetAsc")
                .fit(churn).transform(churn);
        Map<LabDataset, Dataset<Row>> data = new EnumMap<>(LabDataset.class);
        data.put(LabDataset.CUSTOMER_CHURN, indexed.cache());
        data.put(LabDataset.HOUSE_PRICES,
                context.datasets().load(context.spark(), LabDataset.HOUSE_PRICES).cache());
        return data;
    }

    private static String startRun(LabContext context, String experimentId, String name) {
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(name)
                .setStartTime(System.currentTimeMillis());
        context.runTags().forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return context.tracking().createRun(request.build()).getRunId();
    }

    /**
     * Logs the keys of both sides of the split, so that the grader counts each class on both sides from the dataset
     * and recomputes every metric on the same rows.
     */
    private static void logKeys(LabContext context, String runId, Split split, EvaluationTask task) {
        String keyColumn = task.dataset().keyColumn();
        List<String> test = split.test().select(keyColumn).as(Encoders.STRING()).collectAsList();
        List<String> train = split.train().select(keyColumn).as(Encoders.STRING()).collectAsList();
        context.log(String.format(Locale.ROOT, "%s: %d training and %d test rows, their keys logged as %s and %s",
                task.runName(), train.size(), test.size(), TRAIN_KEYS, TEST_KEYS));
        context.mlflow().artifacts().upload(runId, TEST_KEYS, csv(keyColumn, test));
        context.mlflow().artifacts().upload(runId, TRAIN_KEYS, csv(keyColumn, train));
    }

    private static byte[] csv(String header, List<String> keys) {
        return (header + "\n" + String.join("\n", keys) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(Map<String, Double> metrics) {
        return String.join(", ", metrics.entrySet().stream()
                .map(metric -> String.format(Locale.ROOT, "%s %.4f", metric.getKey(), metric.getValue()))
                .toList());
    }
}
