package org.mllabs.lab03;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 03, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab03` checks it from what MLflow holds.
 *
 * <p>{@code context.tracking()} is MLflow's Java client; {@code context.models()} logs Spark models to MLflow.
 */
final class TrainingSteps {

    private final LabContext context;

    TrainingSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: the regression estimators for house prices, by model family. */
    Map<String, Estimator<?>> regressors() {
        // TODO lab03.step1
        throw new StepNotDoneException("lab03.step1",
                "return linear_regression, decision_tree, random_forest and gbt regressors of price");
    }

    /** Step 2: the classification estimators for customer churn, by model family. */
    Map<String, Estimator<?>> classifiers() {
        // TODO lab03.step2
        throw new StepNotDoneException("lab03.step2",
                "return logistic_regression, decision_tree, random_forest and gbt classifiers of churned");
    }

    /** Step 3: fits the preparation stages and the estimator as one pipeline; the fitted pipeline. */
    PipelineModel fit(PipelineStage[] preparation, Estimator<?> estimator, Dataset<Row> train) {
        // TODO lab03.step3
        throw new StepNotDoneException("lab03.step3", "fit a Pipeline of the preparation stages and the estimator");
    }

    /** Step 3: the simple class name of the model the estimator fitted, the pipeline model's last stage. */
    String fittedModelClass(Estimator<?> estimator, PipelineModel model) {
        // TODO lab03.step3
        throw new StepNotDoneException("lab03.step3", "return the class name of the pipeline model's last stage");
    }

    /**
     * Step 4: the model's metric on the test split: RMSE for house prices, area under ROC for churn. Both sides of the
     * split are at hand, as in a notebook; the metric is the test side's.
     */
    double evaluate(PipelineModel model, Dataset<Row> train, Dataset<Row> test, LabDataset dataset) {
        // TODO lab03.step4
        throw new StepNotDoneException("lab03.step4", "evaluate the model on the test split");
    }

    /** Step 5: logs the trained model as one finished run, with its model and signature; the run's id. */
    String logRun(String experimentId, TrainedModel trained) {
        // TODO lab03.step5
        throw new StepNotDoneException("lab03.step5", "log a run with tags, params, the metric and the model");
    }

    /** Step 6: saves the model to the folder, loads it back, compares predictions and records it on the run. */
    void saveAndReload(String runId, TrainedModel trained, Path folder) {
        // TODO lab03.step6
        throw new StepNotDoneException("lab03.step6", "save the pipeline model, load it back and compare predictions");
    }
}
