package org.mllabs.lab08;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.datasets.CustomerHistory;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.TrainingSet;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 08, given code: opens a feature store in the lab's work directory, starts the run {@value #RUN_NAME} (tagged
 * with the store's directory, {@value #STORE_TAG}), makes the data it hands the steps from the customers of
 * {@code customer_churn} ({@link CustomerHistory}, which the grader regenerates alike to hold your work against) and
 * calls the steps of {@link FeatureStoreSteps} in order. Between steps 3 and 4 it records the training set's rows on
 * the run ({@link FeatureStore#logTrainingSet}) and trains the model on them. You do not need to change this class.
 */
public final class FeatureStoreLab implements LabExercise {

    /** The run the lab works in. */
    static final String RUN_NAME = "churn-feature-store";
    /** The run tag with the feature store's directory, where the grader finds the tables. */
    static final String STORE_TAG = "mllabs.feature_store.root";
    /** The feature table of steps 1 to 3. */
    static final String TABLE = "customer_features";
    /** The features the model uses, all of them from {@value #TABLE}. */
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls", "contract");
    /** The Delta table step 5 writes the predictions to, in the feature store's directory. */
    static final String PREDICTIONS = "churn_predictions";

    private static final List<String> NUMERIC = FEATURES.subList(0, 3);

    @Override
    public void run(LabContext context) {
        Path root = context.workDirectory().resolve("feature-store");
        LocalFiles.deleteTree(root);
        FeatureStore store = new FeatureStore(context.spark(), root, context.mlflow(),
                context.workDirectory().resolve("models"));
        CustomerHistory history = CustomerHistory.generate();
        FeatureStoreSteps steps = new FeatureStoreSteps(context);

        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RUN_NAME);
        context.tracking().setTag(runId, STORE_TAG, store.root().toString());
        Dataset<Row> snapshots = history.snapshots().toDataset(context.spark());
        Dataset<Row> update = history.marchUpdate().toDataset(context.spark());
        Dataset<Row> labels = history.labels().toDataset(context.spark());
        Dataset<Row> keys = history.keysToScore().toDataset(context.spark());
        runs.finishAfter(runId, () -> {
            steps.createFeatureTable(store, snapshots);
            context.log("Step 1: feature table " + TABLE + " created");
            steps.mergeUpdate(store, update);
            context.log("Step 2: March update merged; table version " + store.version(TABLE));
            TrainingSet training = steps.buildTrainingSet(store, labels);
            Dataset<Row> rows = training.loadDf().cache();
            context.log("Step 3: training set of " + rows.count() + " rows");
            store.logTrainingSet(runId, training);
            PipelineModel model = pipeline().fit(rows);
            String modelUri = steps.logModel(store, runId, model, training, signature(rows));
            context.log("Step 4: model logged as " + modelUri);
            steps.scoreAndSave(store, modelUri, keys, store.pathOf(PREDICTIONS));
            context.log("Step 5: predictions saved to " + store.pathOf(PREDICTIONS));
            return runId;
        });
    }

    /** Imputes the numbers, one-hot encodes the contract (missing or unseen values get a slot of their own). */
    private static Pipeline pipeline() {
        List<String> filled = NUMERIC.stream().map(column -> column + "_filled").toList();
        return new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(NUMERIC.toArray(String[]::new)).setOutputCols(filled.toArray(String[]::new)),
            new StringIndexer().setInputCol("contract").setOutputCol("contract_index").setHandleInvalid("keep"),
            new OneHotEncoder().setInputCol("contract_index").setOutputCol("contract_vector"),
            new VectorAssembler().setInputCols(Stream.concat(filled.stream(), Stream.of("contract_vector"))
                    .toArray(String[]::new)).setOutputCol("features"),
            new LogisticRegression().setLabelCol(LabDataset.CUSTOMER_CHURN.labelColumn()).setMaxIter(30)
        });
    }

    private static ModelSignature signature(Dataset<Row> rows) {
        StructType inputs = rows.select(FEATURES.get(0), FEATURES.subList(1, FEATURES.size()).toArray(String[]::new))
                .schema();
        return ModelSignature.infer(inputs, new StructType().add("prediction", DataTypes.DoubleType, false));
    }

}
