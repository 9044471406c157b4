package org.mllabs.graders.lab05;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * The three runs of lab 05 as its README describes them: the run's name, the dataset, the label the evaluators
 * compare with, the column a stratified split keeps in proportion, the README step that evaluates it, its metrics and
 * the one that decides whether the model beats its baseline.
 */
enum GradedTask {

    /** Whether a customer churns. */
    CHURN("churn-binary", LabDataset.CUSTOMER_CHURN, "churned", "churned", 3, GradedMetric.ROC_AUC,
            List.of(GradedMetric.ROC_AUC, GradedMetric.PR_AUC)),
    /** A customer's contract, indexed alphabetically: 0 month-to-month, 1 one-year, 2 two-year. */
    CONTRACT("contract-multiclass", LabDataset.CUSTOMER_CHURN, "contract_index", "contract", 4, GradedMetric.F1,
            List.of(GradedMetric.F1, GradedMetric.ACCURACY, GradedMetric.WEIGHTED_PRECISION,
                    GradedMetric.WEIGHTED_RECALL)),
    /** A house's price, on a random split. */
    PRICE("price-regression", LabDataset.HOUSE_PRICES, "price", null, 5, GradedMetric.RMSE,
            List.of(GradedMetric.RMSE, GradedMetric.MAE, GradedMetric.R2));

    /** The classification tasks, whose splits are stratified. */
    static final List<GradedTask> STRATIFIED = List.of(CHURN, CONTRACT);

    private final String runName;
    private final LabDataset dataset;
    private final String labelColumn;
    private final String stratumColumn;
    private final int step;
    private final GradedMetric primaryMetric;
    private final List<GradedMetric> metrics;

    GradedTask(String runName, LabDataset dataset, String labelColumn, String stratumColumn, int step,
               GradedMetric primaryMetric, List<GradedMetric> metrics) {
        this.runName = runName;
        this.dataset = dataset;
        this.labelColumn = labelColumn;
        this.stratumColumn = stratumColumn;
        this.step = step;
        this.primaryMetric = primaryMetric;
        this.metrics = metrics;
    }

    /** The name of the task's run. */
    String runName() {
        return runName;
    }

    /** The dataset the task learns from. */
    LabDataset dataset() {
        return dataset;
    }

    /** The column the evaluators compare predictions with. */
    String labelColumn() {
        return labelColumn;
    }

    /** The dataset column whose classes the split keeps in proportion; empty for the random split. */
    Optional<String> stratumColumn() {
        return Optional.ofNullable(stratumColumn);
    }

    /** The dataset's own label column: the class a classification split keeps in proportion, or the price. */
    String datasetLabel() {
        return stratumColumn().orElse(labelColumn);
    }

    /** The columns a model of the task must never read: the label, and the dataset column it is made from. */
    List<String> labels() {
        return datasetLabel().equals(labelColumn) ? List.of(labelColumn) : List.of(labelColumn, datasetLabel());
    }

    /** The README step that evaluates the task's model. */
    int step() {
        return step;
    }

    /** The metric that decides whether the model beats its baseline. */
    GradedMetric primaryMetric() {
        return primaryMetric;
    }

    /** The metrics the run logs for the model and for its baseline. */
    List<GradedMetric> metrics() {
        return metrics;
    }

    /** Held-out rows with the label the evaluators read: the contract indexed alphabetically, as the lab does. */
    Dataset<Row> labelled(Dataset<Row> heldOut) {
        return this != CONTRACT ? heldOut : new StringIndexer().setInputCol(stratumColumn).setOutputCol(labelColumn)
                .setStringOrderType("alphabetAsc").fit(heldOut).transform(heldOut);
    }

    /**
     * The class a prediction stands for, among the dataset's classes in alphabetical order: the churn label itself,
     * the contract at the predicted index; empty for a prediction that is no class.
     */
    Optional<String> classOf(double prediction, SortedSet<String> classes) {
        if (this == CONTRACT) {
            int index = (int) prediction;
            return index == prediction && index >= 0 && index < classes.size()
                    ? Optional.of(List.copyOf(classes).get(index)) : Optional.empty();
        }
        String label = prediction == Math.rint(prediction) ? String.valueOf((long) prediction) : "";
        return classes.contains(label) ? Optional.of(label) : Optional.empty();
    }
}
