package org.mllabs.lab02;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.lab02.FeatureEngineeringLab.Split;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 02, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab02` checks what your run logged.
 *
 * <p>{@link FeatureColumns} names the columns. {@code context.tracking()} is MLflow's Java client;
 * {@code context.mlflow().artifacts()} uploads artifacts; {@code context.models()} logs a fitted pipeline.
 */
final class FeatureSteps {

    private final LabContext context;
    private final String runId;
    private final Dataset<Row> churn;

    /**
     * @param context what the lab works with
     * @param runId the run to log to
     * @param churn the whole customer churn data, as loaded
     */
    FeatureSteps(LabContext context, String runId, Dataset<Row> churn) {
        this.context = context;
        this.runId = runId;
        this.churn = churn;
    }

    /** Step 1: splits the churn data 80/20 with the lab's seed, and records the training split in the run. */
    Split split() {
        // TODO lab02.step1
        throw new StepNotDoneException("lab02.step1", "split by TRAIN_FRACTION with SPLIT_SEED, record train keys");
    }

    /** Step 2: an Imputer that fills the missing numeric values with the column's mean. */
    Imputer imputer() {
        // TODO lab02.step2
        throw new StepNotDoneException("lab02.step2", "impute monthly_charges, total_charges and support_calls");
    }

    /** Step 3: a StringIndexer of the categorical columns that keeps unseen and missing labels. */
    StringIndexer indexer() {
        // TODO lab02.step3
        throw new StepNotDoneException("lab02.step3", "index the categorical columns with handleInvalid keep");
    }

    /** Step 3: a OneHotEncoder of the indexed categorical columns. */
    OneHotEncoder encoder() {
        // TODO lab02.step3
        throw new StepNotDoneException("lab02.step3", "one-hot encode the indexed categorical columns");
    }

    /** Step 4: the interaction of the contract's one-hot vector and the imputed monthly charges. */
    Interaction interaction() {
        // TODO lab02.step4
        throw new StepNotDoneException("lab02.step4", "interact contract_vec with monthly_charges_imputed");
    }

    /** Step 5: a VectorAssembler of every feature into one vector. */
    VectorAssembler assembler() {
        // TODO lab02.step5
        throw new StepNotDoneException("lab02.step5", "assemble the features into the column features");
    }

    /** Step 5: a StandardScaler of the assembled vector. */
    StandardScaler scaler() {
        // TODO lab02.step5
        throw new StepNotDoneException("lab02.step5", "scale features into scaled_features");
    }

    /** Step 6: one Pipeline of the stages, in order, and a classifier, fitted on the training split only. */
    PipelineModel fit(Split split, Imputer imputer, StringIndexer indexer, OneHotEncoder encoder,
                      Interaction interaction, VectorAssembler assembler, StandardScaler scaler) {
        // TODO lab02.step6
        throw new StepNotDoneException("lab02.step6", "fit a Pipeline of the stages and a classifier on split.train()");
    }

    /** Step 7: logs the fitted pipeline under model/ with its signature, and its AUC on the test split. */
    void logModel(PipelineModel model, Split split) {
        // TODO lab02.step7
        throw new StepNotDoneException("lab02.step7", "log the model with its signature, and test_auc");
    }
}
