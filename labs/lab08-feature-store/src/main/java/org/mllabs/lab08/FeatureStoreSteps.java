package org.mllabs.lab08;

import java.nio.file.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.TrainingSet;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 08, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab08` checks it from the Delta tables and MLflow.
 *
 * <p>{@code store} is the lab's {@link FeatureStore}; the constants of {@link FeatureStoreLab} name the table and
 * the features.
 */
final class FeatureStoreSteps {

    private final LabContext context;

    FeatureStoreSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: creates the feature table {@code customer_features} from the monthly snapshots. */
    void createFeatureTable(FeatureStore store, Dataset<Row> snapshots) {
        // TODO lab08.step1
        throw new StepNotDoneException("lab08.step1", "create customer_features with its primary and timestamp keys");
    }

    /** Step 2: writes the March update into the table without losing its earlier rows. */
    void mergeUpdate(FeatureStore store, Dataset<Row> update) {
        // TODO lab08.step2
        throw new StepNotDoneException("lab08.step2", "merge the March update into customer_features");
    }

    /** Step 3: the training set: the labels with the features as they were at each label's time. */
    TrainingSet buildTrainingSet(FeatureStore store, Dataset<Row> labels) {
        // TODO lab08.step3
        throw new StepNotDoneException("lab08.step3", "build a point-in-time training set with a FeatureLookup");
    }

    /** Step 4: logs the model under {@code model} with its feature lineage; returns the model's URI. */
    String logModel(FeatureStore store, String runId, PipelineModel model, TrainingSet training,
                    ModelSignature signature) {
        // TODO lab08.step4
        throw new StepNotDoneException("lab08.step4", "log the model through the feature store");
    }

    /** Step 5: scores the keys with the logged model, features looked up by key, and saves the predictions. */
    void scoreAndSave(FeatureStore store, String modelUri, Dataset<Row> keys, Path predictions) {
        // TODO lab08.step5
        throw new StepNotDoneException("lab08.step5", "score the keys with scoreBatch and save them as Delta");
    }
}
