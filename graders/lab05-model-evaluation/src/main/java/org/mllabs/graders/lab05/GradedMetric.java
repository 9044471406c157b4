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
 * solution's models over twenty held-out draws of 1,000 rows, the standard error of each metric on 1,000 rows is about:
 * ROC area 0.009, PR area 0.024, F1 0.025, accuracy and weighted recall 0.021, weighted precision 0.033 (the model
 * seldom predicts one-year, so that class's precision rests on few rows), RMSE 2.8% of its value, MAE 3.0%, R² 0.006.
 * Each allowed difference is about four standard errors of the difference between a 1,000-row and a 5,000-row estimate
 * (1.1 times the 1,000-row error), so honest work passes whatever the grading seed and however its split fell. The
 * mistakes the lab guards against are further off: the PR area logged as the ROC area is 0.12 too low; the RMSE and
 * MAE of the training rows are a quarter lower than on new rows, their R² 0.05 higher.
 */
enum GradedMetric {

    /** Area under the ROC curve. */
    ROC_AUC("roc_auc", "areaUnderROC", AllowedDifference.absolute(0.04)),
    /** Area under the precision-recall curve. */
    PR_AUC("pr_auc", "areaUnderPR", AllowedDifference.absolute(0.10)),
    /** F1, weighted by class. */
    F1("f1", "f1", AllowedDifference.absolute(0.11)),
    /** Share of rows predicted right. */
    ACCURACY("accuracy", "accuracy", AllowedDifference.absolute(0.09)),
    /** Precision of each class, weighted by its rows. */
    WEIGHTED_PRECISION("weighted_precision", "weightedPrecision", AllowedDifference.absolute(0.15)),
    /** Recall of each class, weighted by its rows: the same as accuracy. */
    WEIGHTED_RECALL("weighted_recall", "weightedRecall", AllowedDifference.absolute(0.09)),
    /** Root mean squared error. */
    RMSE("rmse", "rmse", AllowedDifference.relative(0.13)),
    /** Mean absolute error. */
    MAE("mae", "mae", AllowedDifference.relative(0.13)),
    /** Coefficient of determination. */
    R2("r2", "r2", AllowedDifference.absolute(0.03));

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
