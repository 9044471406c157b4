package org.mllabs.lab10;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.automl.AutoMlResult;
import org.mllabs.runtime.automl.GeneratedTrial;
import org.mllabs.runtime.automl.LeaderboardEntry;
import org.mllabs.runtime.automl.TrainingData;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 10, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab10` checks it in MLflow.
 *
 * <p>AutoML is {@code org.mllabs.runtime.automl}: {@code AutoMl}, {@code AutoMlRun}, {@code AutoMlMetric}.
 * {@code context.tracking()} is MLflow's Java client, {@code context.models()} logs models and
 * {@code context.mlflow().artifacts()} uploads files.
 */
final class AutoMlSteps {

    private final LabContext context;

    AutoMlSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: runs AutoML on the churn data within the budget, ranking the trials by areaUnderROC. */
    AutoMlResult runAutoMl(TrainingData data) {
        // TODO lab10.step1
        throw new StepNotDoneException("lab10.step1", "run AutoML with a 30 s budget and the metric areaUnderROC");
    }

    /** Step 2: reads the AutoML run's trials from MLflow and logs the three best as the run automl-top3. */
    String logTopThree(String automlRunId) {
        // TODO lab10.step2
        throw new StepNotDoneException("lab10.step2", "search the trials by areaUnderROC and log the top 3");
    }

    /** Step 3: fits a model of your own on AutoML's training part and logs how it compares on the validation part. */
    String compareWithManualModel(Dataset<Row> train, Dataset<Row> validation, AutoMlResult automl) {
        // TODO lab10.step3
        throw new StepNotDoneException("lab10.step3", "fit a manual model with a new feature and compare it");
    }

    /** Step 4: the best trial's generated source with a feature of your own added at its extension points. */
    String extendSource(String generatedSource) {
        // TODO lab10.step4
        throw new StepNotDoneException("lab10.step4", "add a derived feature to the generated source");
    }

    /** Step 5: fits and scores the extended trial and logs it as the run extended-trial, tagged with its trial. */
    String runExtendedTrial(LeaderboardEntry sourceTrial, GeneratedTrial extended) {
        // TODO lab10.step5
        throw new StepNotDoneException("lab10.step5", "run the extended trial and log it tagged with its trial");
    }
}
