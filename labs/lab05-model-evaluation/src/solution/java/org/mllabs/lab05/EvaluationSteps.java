package org.mllabs.lab05;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.lab.LabContext;

/**
 * Lab 05, reference solution of the steps.
 */
final class EvaluationSteps {

    /** Metrics that measure an error: the lower, the better. */
    private static final Set<String> ERRORS = Set.of("rmse", "mae");

    private final LabContext context;
    private final MlflowClient mlflow;

    EvaluationSteps(LabContext context) {
        this.context = context;
        this.mlflow = context.tracking();
    }

    /**
     * Step 1: splits the rows so that every class of {@code label} has {@code trainFraction} of its rows on the
     * training side and the rest on the test side.
     */
    Split stratifiedSplit(Dataset<Row> data, String label, double trainFraction, long seed) {
        // DONE lab05.step1
        WindowSpec byClass = Window.partitionBy(label);
        Dataset<Row> ranked = data.withColumn("draw", rand(seed))
                .withColumn("rank_in_class", row_number().over(byClass.orderBy("draw")))
                .withColumn("class_rows", count(lit(1)).over(byClass));
        Column inTrain = col("rank_in_class").leq(round(col("class_rows").multiply(trainFraction)));
        return new Split(ranked.filter(inTrain).drop("draw", "rank_in_class", "class_rows"),
                ranked.filter(not(inTrain)).drop("draw", "rank_in_class", "class_rows"));
    }

    /** Step 2: logs the share of each class on both sides as the metrics train_share_CLASS and test_share_CLASS. */
    void logClassShares(String runId, Split split, String label) {
        // DONE lab05.step2
        logShares(runId, "train", split.train(), label);
        logShares(runId, "test", split.test(), label);
    }

    private void logShares(String runId, String side, Dataset<Row> rows, String label) {
        double total = rows.count();
        for (Row classCount : rows.groupBy(label).count().collectAsList()) {
            mlflow.logMetric(runId, side + "_share_" + classCount.get(0), classCount.getLong(1) / total);
        }
    }

    /** Step 3: the binary classifier's roc_auc and pr_auc on the test rows. */
    Map<String, Double> binaryMetrics(PipelineModel model, Split split, String label) {
        // DONE lab05.step3
        Dataset<Row> predictions = model.transform(split.test());
        BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator().setLabelCol(label);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("roc_auc", evaluator.setMetricName("areaUnderROC").evaluate(predictions));
        metrics.put("pr_auc", evaluator.setMetricName("areaUnderPR").evaluate(predictions));
        return metrics;
    }

    /** Step 4: the multiclass classifier's f1, accuracy, weighted_precision and weighted_recall on the test rows. */
    Map<String, Double> multiclassMetrics(PipelineModel model, Split split, String label) {
        // DONE lab05.step4
        Dataset<Row> predictions = model.transform(split.test());
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setLabelCol(label);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("f1", evaluator.setMetricName("f1").evaluate(predictions));
        metrics.put("accuracy", evaluator.setMetricName("accuracy").evaluate(predictions));
        metrics.put("weighted_precision", evaluator.setMetricName("weightedPrecision").evaluate(predictions));
        metrics.put("weighted_recall", evaluator.setMetricName("weightedRecall").evaluate(predictions));
        return metrics;
    }

    /** Step 5: the regression model's rmse, mae and r2 on the test rows. */
    Map<String, Double> regressionMetrics(PipelineModel model, Split split, String label) {
        // DONE lab05.step5
        Dataset<Row> predictions = model.transform(split.test());
        RegressionEvaluator evaluator = new RegressionEvaluator().setLabelCol(label);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String metric : new String[] {"rmse", "mae", "r2"}) {
            metrics.put(metric, evaluator.setMetricName(metric).evaluate(predictions));
        }
        return metrics;
    }

    /** Step 6: a model that predicts the most frequent class of the training rows for every row. */
    PipelineModel majorityClassBaseline(Dataset<Row> train, String label) {
        // DONE lab05.step6
        Row majority = train.groupBy(label).count().orderBy(col("count").desc(), col(label)).first();
        double majorityClass = ((Number) majority.get(0)).doubleValue();
        // the same score for every row: the baseline ranks no customer above another
        return constant(train, String.format(Locale.ROOT, "SELECT *, CAST(%s AS DOUBLE) AS prediction, "
                + "CAST(%s AS DOUBLE) AS rawPrediction FROM __THIS__", majorityClass, majorityClass));
    }

    /** Step 6: a model that predicts the mean label of the training rows for every row. */
    PipelineModel meanBaseline(Dataset<Row> train, String label) {
        // DONE lab05.step6
        double mean = train.agg(avg(label)).first().getDouble(0);
        return constant(train, String.format(Locale.ROOT,
                "SELECT *, CAST(%s AS DOUBLE) AS prediction FROM __THIS__", mean));
    }

    private static PipelineModel constant(Dataset<Row> train, String statement) {
        return new Pipeline().setStages(new PipelineStage[] {new SQLTransformer().setStatement(statement)})
                .fit(train);
    }

    /**
     * Step 7: logs the baseline's metrics as baseline_NAME and tags the run beats_baseline = true or false, by the
     * primary metric.
     */
    void recordComparison(String runId, String primaryMetric, Map<String, Double> model, Map<String, Double> baseline) {
        // DONE lab05.step7
        baseline.forEach((name, value) -> mlflow.logMetric(runId, "baseline_" + name, value));
        double ours = model.get(primaryMetric);
        double theirs = baseline.get(primaryMetric);
        boolean beats = ERRORS.contains(primaryMetric) ? ours < theirs : ours > theirs;
        mlflow.setTag(runId, "beats_baseline", String.valueOf(beats));
        context.log(String.format(Locale.ROOT, "%s %.4f against the baseline's %.4f: %s", primaryMetric, ours, theirs,
                beats ? "the model beats it" : "the model does not beat it"));
    }
}
