package org.mllabs.lab05;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 05, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab05` checks it in MLflow.
 *
 * <p>{@code context.tracking()} is MLflow's Java client; {@code org.apache.spark.ml.evaluation} has the evaluators.
 */
final class EvaluationSteps {

    private final LabContext context;

    EvaluationSteps(LabContext context) {
        this.context = context;
    }

    /**
     * Step 1: splits the rows so that every class of {@code label} has {@code trainFraction} of its rows on the
     * training side and the rest on the test side.
     */
    Split stratifiedSplit(Dataset<Row> data, String label, double trainFraction, long seed) {
        // TODO lab05.step1
        throw new StepNotDoneException("lab05.step1", "split each class of the label in the same proportion");
    }

    /** Step 2: logs the share of each class on both sides as the metrics train_share_CLASS and test_share_CLASS. */
    void logClassShares(String runId, Split split, String label) {
        // TODO lab05.step2
        throw new StepNotDoneException("lab05.step2", "log each class's share of the training and test rows");
    }

    /** Step 3: the binary classifier's roc_auc and pr_auc on the test rows. */
    Map<String, Double> binaryMetrics(PipelineModel model, Split split, String label) {
        // TODO lab05.step3
        throw new StepNotDoneException("lab05.step3", "evaluate the binary classifier: ROC and PR areas");
    }

    /** Step 4: the multiclass classifier's f1, accuracy, weighted_precision and weighted_recall on the test rows. */
    Map<String, Double> multiclassMetrics(PipelineModel model, Split split, String label) {
        // TODO lab05.step4
        throw new StepNotDoneException("lab05.step4", "evaluate the multiclass classifier: F1, accuracy, "
                + "weighted precision and recall");
    }

    /** Step 5: the regression model's rmse, mae and r2 on the test rows. */
    Map<String, Double> regressionMetrics(PipelineModel model, Split split, String label) {
        // TODO lab05.step5
        throw new StepNotDoneException("lab05.step5", "evaluate the regression model: RMSE, MAE and R²");
    }

    /** Step 6: a model that predicts the most frequent class of the training rows for every row. */
    PipelineModel majorityClassBaseline(Dataset<Row> train, String label) {
        // TODO lab05.step6
        throw new StepNotDoneException("lab05.step6", "build the majority-class baseline");
    }

    /** Step 6: a model that predicts the mean label of the training rows for every row. */
    PipelineModel meanBaseline(Dataset<Row> train, String label) {
        // TODO lab05.step6
        throw new StepNotDoneException("lab05.step6", "build the mean-prediction baseline");
    }

    /**
     * Step 7: logs the baseline's metrics as baseline_NAME and tags the run beats_baseline = true or false, by the
     * primary metric.
     */
    void recordComparison(String runId, String primaryMetric, Map<String, Double> model, Map<String, Double> baseline) {
        // TODO lab05.step7
        throw new StepNotDoneException("lab05.step7", "record the baseline's metrics and whether the model beats it");
    }
}
