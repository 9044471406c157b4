package org.mllabs.runtime.automl;

import java.util.Arrays;

/**
 * The metric an AutoML run optimizes: the name MLlib's evaluators give it, whether it is a classification or a
 * regression metric, and its direction. The search minimizes a loss: the metric itself when smaller is better, its
 * negative when larger is.
 */
public enum AutoMlMetric {

    /** Area under the ROC curve, from the raw prediction: binary classification. */
    AREA_UNDER_ROC("areaUnderROC", true, true),
    /** Weighted F1 score of the predicted classes. */
    F1("f1", true, true),
    /** The share of rows whose class is predicted right. */
    ACCURACY("accuracy", true, true),
    /** Root mean squared error: regression. */
    RMSE("rmse", false, false),
    /** Coefficient of determination. */
    R2("r2", false, true),
    /** Mean absolute error. */
    MAE("mae", false, false);

    private final String metricName;
    private final boolean classification;
    private final boolean largerIsBetter;

    AutoMlMetric(String metricName, boolean classification, boolean largerIsBetter) {
        this.metricName = metricName;
        this.classification = classification;
        this.largerIsBetter = largerIsBetter;
    }

    /** The metric by its evaluator name, such as {@code areaUnderROC} or {@code rmse}. */
    public static AutoMlMetric named(String name) {
        return Arrays.stream(values()).filter(metric -> metric.metricName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No AutoML metric " + name + "; the metrics are "
                        + Arrays.stream(values()).map(AutoMlMetric::metricName).toList()));
    }

    /** The evaluator's name of the metric, also its key on every trial's run. */
    public String metricName() {
        return metricName;
    }

    /** Whether the metric scores a classifier (otherwise a regressor). */
    public boolean classification() {
        return classification;
    }

    /** Whether a larger value is better. */
    public boolean largerIsBetter() {
        return largerIsBetter;
    }

    /** The loss the search minimizes for a value of the metric. */
    public double loss(double value) {
        return largerIsBetter ? -value : value;
    }

    /** Whether {@code value} is better than {@code other}. */
    public boolean better(double value, double other) {
        return largerIsBetter ? value > other : value < other;
    }

    /** The evaluator that computes the metric, as a stage specification. */
    StageSpec evaluator(String label) {
        String className = this == AREA_UNDER_ROC ? "org.apache.spark.ml.evaluation.BinaryClassificationEvaluator"
                : classification ? "org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator"
                : "org.apache.spark.ml.evaluation.RegressionEvaluator";
        return StageSpec.of(className).with("setLabelCol", label).with("setMetricName", metricName);
    }

    @Override
    public String toString() {
        return metricName + (largerIsBetter ? " (larger is better)" : " (smaller is better)");
    }
}
