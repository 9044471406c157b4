package org.mllabs.lab08;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.featurestore.FeatureLookup;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.FeatureTable;
import org.mllabs.runtime.featurestore.TrainingSet;
import org.mllabs.runtime.featurestore.WriteMode;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 08, reference solution of the steps.
 */
final class FeatureStoreSteps {

    private final LabContext context;

    FeatureStoreSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: creates the feature table {@code customer_features} from the monthly snapshots. */
    void createFeatureTable(FeatureStore store, Dataset<Row> snapshots) {
        // DONE lab08.step1
        FeatureTable table = store.createTable(FeatureStoreLab.TABLE, List.of("customer_id"), "snapshot_time",
                snapshots, "Customer tenure, charges, support calls and contract, one snapshot a month");
        context.log("Feature table " + table.name() + " keyed by " + table.rowKeys() + " at " + table.path());
    }

    /** Step 2: writes the March update into the table without losing its earlier rows. */
    void mergeUpdate(FeatureStore store, Dataset<Row> update) {
        // DONE lab08.step2
        store.writeTable(FeatureStoreLab.TABLE, update, WriteMode.MERGE);
    }

    /** Step 3: the training set: the labels with the features as they were at each label's time. */
    TrainingSet buildTrainingSet(FeatureStore store, Dataset<Row> labels) {
        // DONE lab08.step3
        FeatureLookup lookup = FeatureLookup.of(FeatureStoreLab.TABLE, List.of("customer_id"), FeatureStoreLab.FEATURES)
                .withTimestampLookupKey("label_time");
        return store.createTrainingSet(labels, List.of(lookup), "churned", List.of());
    }

    /** Step 4: logs the model under {@code model} with its feature lineage; returns the model's URI. */
    String logModel(FeatureStore store, String runId, PipelineModel model, TrainingSet training,
                    ModelSignature signature) {
        // DONE lab08.step4
        return store.logModel(runId, "model", model, training, signature).modelUri();
    }

    /** Step 5: scores the keys with the logged model, features looked up by key, and saves the predictions. */
    void scoreAndSave(FeatureStore store, String modelUri, Dataset<Row> keys, Path predictions) {
        // DONE lab08.step5
        // scoreBatch looks features up by the training set's column names: the time of a key is its label_time
        Dataset<Row> scored = store.scoreBatch(modelUri, keys.withColumnRenamed("score_time", "label_time"));
        scored.write().format("delta").mode("overwrite").save(predictions.toString());
    }
}
