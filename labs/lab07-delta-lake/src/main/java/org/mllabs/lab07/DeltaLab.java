package org.mllabs.lab07;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 07, given code: splits the customer churn data into the batches the steps write, starts the run
 * {@value #RUN_NAME} (with the table's path as the param {@value #TABLE_PATH_PARAM}), and calls the steps in
 * {@link DeltaSteps} in order. It also gives the pipeline the last step trains ({@link #pipeline()}) and its model
 * signature. You do not need to change this class.
 *
 * <p>The table lives in the lab's work directory, one per learner, and starts afresh on every run of the lab, so
 * its history is the history of this run.
 */
public final class DeltaLab implements LabExercise {

    static final String RUN_NAME = "delta-training";
    static final String TABLE_PATH_PARAM = "delta_table_path";
    /** The last customer of the first batch (version 0); the keys run from C000001 to C005000. */
    static final String LAST_FIRST_BATCH_KEY = "C003500";
    /** The last customer of the appended batch; the customers after it arrive with the evolved schema. */
    static final String LAST_APPENDED_KEY = "C004300";
    /** The column the bad batch misspells: {@code monthly_charge} instead of {@code monthly_charges}. */
    static final String MISNAMED_COLUMN = "monthly_charge";
    /** The column the late batch brings: the customer's tenure band, new, established or loyal. */
    static final String EVOLVED_COLUMN = "tenure_band";
    /** The numeric features; the pipeline fills their missing values with the training means. */
    static final List<String> NUMERIC_FEATURES = List.of("tenure_months", "monthly_charges", "total_charges",
            "support_calls");

    @Override
    public void run(LabContext context) {
        Path table = context.workDirectory().resolve("delta").resolve(context.learner().value())
                .resolve("churn_training");
        LocalFiles.deleteTree(table);
        String path = table.toAbsolutePath().toString();
        String key = LabDataset.CUSTOMER_CHURN.keyColumn();
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN).cache();
        Dataset<Row> firstBatch = churn.where(col(key).leq(LAST_FIRST_BATCH_KEY));
        Dataset<Row> newCustomers = churn.where(col(key).gt(LAST_FIRST_BATCH_KEY).and(col(key).leq(LAST_APPENDED_KEY)));
        Dataset<Row> lateCustomers = churn.where(col(key).gt(LAST_APPENDED_KEY));
        Dataset<Row> misnamedBatch = lateCustomers.withColumnRenamed("monthly_charges", MISNAMED_COLUMN);
        Dataset<Row> evolvedBatch = lateCustomers.withColumn(EVOLVED_COLUMN,
                when(col("tenure_months").lt(12), "new").when(col("tenure_months").lt(36), "established")
                        .otherwise("loyal"));

        DeltaSteps steps = new DeltaSteps(context);
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RUN_NAME);
        context.tracking().logParam(runId, TABLE_PATH_PARAM, path);
        context.log("Delta table: " + path);
        runs.finishAfter(runId, () -> {
            steps.createVersions(path, firstBatch, newCustomers);
            steps.timeTravel(runId, path);
            steps.enforceAndEvolveSchema(path, misnamedBatch, evolvedBatch);
            steps.trainOnPinnedVersion(runId, path);
            return runId;
        });
    }

    /**
     * The pipeline step 4 trains: missing numeric values filled with the training means ({@code Imputer}), the payment
     * method indexed, and a logistic regression of {@code churned}.
     */
    static Pipeline pipeline() {
        List<String> filled = NUMERIC_FEATURES.stream().map(name -> name + "_filled").toList();
        List<String> features = new ArrayList<>(filled);
        features.add("payment_method_index");
        return new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setStrategy("mean").setInputCols(NUMERIC_FEATURES.toArray(String[]::new))
                    .setOutputCols(filled.toArray(String[]::new)),
            new StringIndexer().setInputCol("payment_method").setOutputCol("payment_method_index")
                    .setHandleInvalid("keep"),
            new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol("features"),
            new LogisticRegression().setLabelCol(LabDataset.CUSTOMER_CHURN.labelColumn()).setMaxIter(20)
        });
    }

    /** The signature of the pipeline's model: the columns it reads, and its prediction. */
    static ModelSignature signature() {
        StructType schema = LabDataset.CUSTOMER_CHURN.schema();
        StructType inputs = new StructType(Stream.concat(NUMERIC_FEATURES.stream(), Stream.of("payment_method"))
                .map(schema::apply).toArray(StructField[]::new));
        return ModelSignature.infer(inputs, new StructType().add("prediction", DataTypes.DoubleType, false));
    }

}
