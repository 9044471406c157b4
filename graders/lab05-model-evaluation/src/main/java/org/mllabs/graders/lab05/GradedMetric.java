package org.mllabs.graders.lab05;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;

/**
 * A metric the lab logs and the Spark evaluator that computes it. The grader recomputes each with that evaluator on
 * the rows the run recorded, so a logged value must equal it up to rounding: metrics of the same rows that lie close
 * together (F1 and accuracy, the RMSE of the test and of the training rows) are told apart, and a wrong value is named
 * as the one it is.
 */
enum GradedMetric {

    /** Area under the ROC curve. */
    ROC_AUC("roc_auc", "areaUnderROC"),
    /** Area under the precision-recall curve. */
    PR_AUC("pr_auc", "areaUnderPR"),
    /** F1, weighted by class. */
    F1("f1", "f1"),
    /** Share of rows predicted right. */
    ACCURACY("accuracy", "accuracy"),
    /** Precision of each class, weighted by its rows. */
    WEIGHTED_PRECISION("weighted_precision", "weightedPrecision"),
    /** Recall of each class, weighted by its rows: the same as accuracy. */
    WEIGHTED_RECALL("weighted_recall", "weightedRecall"),
    /** Root mean squared error. */
    RMSE("rmse", "rmse"),
    /** Mean absolute error. */
    MAE("mae", "mae"),
    /** Coefficient of determination. */
    R2("r2", "r2");

    private final String key;
    private final String sparkName;

    GradedMetric(String key, String sparkName) {
        this.key = key;
        this.sparkName = sparkName;
    }

    /** The metric's name in the lab, which the run logs as {@code test_<key>} and {@code baseline_<key>}. */
    String key() {
        return key;
    }

    /** The evaluator's {@code metricName}. */
    String sparkName() {
        return sparkName;
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

    /**
     * Rows beyond which BinaryClassificationEvaluator bins its curve (twice its 1,000 bins), partition by partition.
     */
    static final long UNBINNED_ROWS = 2_000;
    /** How far a binned area may be from the grader's, whose rows are partitioned otherwise. */
    static final double BINNED_AREA_RESOLUTION = 1e-3;

    /**
     * How far a logged value may be from the grader's on {@code rows} rows: nothing but rounding, except for an area
     * under a curve of more than {@value #UNBINNED_ROWS} rows, which the evaluator bins by partition.
     */
    double resolution(long rows) {
        boolean area = this == ROC_AUC || this == PR_AUC;
        return area && rows > UNBINNED_ROWS ? BINNED_AREA_RESOLUTION : 0;
    }

    /** Whether a larger value is better, as the evaluator says. */
    boolean largerIsBetter() {
        return evaluator("label").isLargerBetter();
    }
}
