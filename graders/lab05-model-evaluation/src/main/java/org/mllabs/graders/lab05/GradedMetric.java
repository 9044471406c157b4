package org.mllabs.graders.lab05;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.mllabs.grading.AllowedDifference;

/**
 * A metric the lab logs, the Spark evaluator that computes it, and how far the value a run logs may be from the value
 * the grader scores on held-out data.
 *
 * <p>The allowed differences come from the sampling error of the two estimates. The lab's test side has 1,000 rows
 * (20% of 5,000), the grader's held-out data {@value EvaluationEvidence#HELD_OUT_ROWS}. Measured on the reference
 * solution's models over twelve held-out draws, the standard error of each metric on 1,000 rows is about: ROC area
 * 0.008, PR area 0.016, F1 0.022, accuracy and weighted recall 0.020, weighted precision 0.026 (the model seldom
 * predicts one-year, so that class's precision rests on few rows), RMSE 3.6% of its value, MAE 2.7%, R² 0.008. Each
 * allowed difference is about four standard errors of the difference between a 1,000-row and a 5,000-row estimate
 * (1.1 times the 1,000-row error), so honest work passes under any grading seed. The mistakes the lab guards against
 * are further off: the PR area logged as the ROC area is 0.13 too low, the RMSE and MAE of the training rows are a
 * quarter lower than on new rows.
 */
enum GradedMetric {

    /** Area under the ROC curve. */
    ROC_AUC("roc_auc", "areaUnderROC", AllowedDifference.absolute(0.04)),
    /** Area under the precision-recall curve. */
    PR_AUC("pr_auc", "areaUnderPR", AllowedDifference.absolute(0.07)),
    /** F1, weighted by class. */
    F1("f1", "f1", AllowedDifference.absolute(0.10)),
    /** Share of rows predicted right. */
    ACCURACY("accuracy", "accuracy", AllowedDifference.absolute(0.09)),
    /** Precision of each class, weighted by its rows. */
    WEIGHTED_PRECISION("weighted_precision", "weightedPrecision", AllowedDifference.absolute(0.12)),
    /** Recall of each class, weighted by its rows: the same as accuracy. */
    WEIGHTED_RECALL("weighted_recall", "weightedRecall", AllowedDifference.absolute(0.09)),
    /** Root mean squared error. */
    RMSE("rmse", "rmse", AllowedDifference.relative(0.16)),
    /** Mean absolute error. */
    MAE("mae", "mae", AllowedDifference.relative(0.12)),
    /** Coefficient of determination. */
    R2("r2", "r2", AllowedDifference.absolute(0.04));

    private final String key;
    private final String sparkName;
    private final AllowedDifference allowed;

    GradedMetric(String key, String sparkName, AllowedDifference allowed) {
        this.key = key;
        this.sparkName = sparkName;
        this.allowed = allowed;
    }

    /** The metric's name in the lab, which the run logs as {@code test_<key>} and {@code baseline_<key>}. */
    String key() {
        return key;
    }

    /** The evaluator's {@code metricName}. */
    String sparkName() {
        return sparkName;
    }

    /** How far a logged value may be from the grader's. */
    AllowedDifference allowed() {
        return allowed;
    }

    /** The evaluator that computes the metric against the label column. */
    Evaluator evaluator(String labelColumn) {
        return switch (this) {
            case ROC_AUC, PR_AUC -> new BinaryClassificationEvaluator().setLabelCol(labelColumn)
                    .setMetricName(sparkName);
            case F1, ACCURACY, WEIGHTED_PRECISION, WEIGHTED_RECALL -> new MulticlassClassificationEvaluator()
                    .setLabelCol(labelColumn).setMetricName(sparkName);
            case RMSE, MAE, R2 -> new RegressionEvaluator().setLabelCol(labelColumn).setMetricName(sparkName);
        };
    }

    /** Whether a larger value is better, as the evaluator says. */
    boolean largerIsBetter() {
        return evaluator("label").isLargerBetter();
    }
}
