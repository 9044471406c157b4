package org.mllabs.lab07;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.audit.RefusedOperationException;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.DeltaTableInput;

/**
 * Lab 07, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab07` checks it from the Delta table and MLflow.
 *
 * <p>{@code context.spark()} is the Spark session, with Delta Lake configured; {@code context.tracking()} is MLflow's
 * Java client; {@code context.mlflow()} uploads artifacts and logs dataset inputs; {@code context.timeTravel()} reads
 * an earlier version of a Delta table and records which; {@code context.delta()} appends to a Delta table and records
 * what Delta refuses.
 */
final class DeltaSteps {

    private final LabContext context;

    DeltaSteps(LabContext context) {
        this.context = context;
    }

    /**
     * Step 1: writes {@code firstBatch} as the Delta table at {@code path} (version 0), appends {@code newCustomers}
     * (version 1), then sets every missing {@code payment_method} to {@code unknown} with an UPDATE (version 2).
     */
    void createVersions(String path, Dataset<Row> firstBatch, Dataset<Row> newCustomers) {
        // DONE lab07.step1
        firstBatch.write().format("delta").mode("overwrite").save(path);
        newCustomers.write().format("delta").mode("append").save(path);
        DeltaTable.forPath(context.spark(), path)
                .update(col("payment_method").isNull(), Map.of("payment_method", lit("unknown")));
    }

    /**
     * Step 2: reads version 0 by version and the table as it was when the append committed by timestamp, both through
     * the runtime's reader, which records the versions read; logs the row count of version 0 and the missing payment
     * methods at that timestamp, and the timestamp as a param.
     */
    void timeTravel(String runId, String path) {
        // DONE lab07.step2
        SparkSession spark = context.spark();
        long firstRows = context.timeTravel().versionAsOf(path, 0).count();
        Timestamp appended = DeltaTable.forPath(spark, path).history().where("version = 1").first().getAs("timestamp");
        long missing = context.timeTravel().timestampAsOf(path, appended.toString())
                .where(col("payment_method").isNull()).count();
        context.tracking().logMetric(runId, "rows_version_0", firstRows);
        context.tracking().logParam(runId, "timestamp_as_of", appended.toInstant().toString());
        context.tracking().logMetric(runId, "missing_payment_method_at_timestamp", missing);
        context.log("Version 0 has " + firstRows + " rows; at " + appended + ", " + missing
                + " rows had no payment method");
    }

    /**
     * Step 3: appends {@code misnamedBatch} through the runtime's audited writer without mergeSchema, so that Delta
     * refuses it and the runtime records the refusal; catches it and goes on; then appends {@code evolvedBatch} with
     * mergeSchema.
     */
    void enforceAndEvolveSchema(String path, Dataset<Row> misnamedBatch, Dataset<Row> evolvedBatch) {
        // DONE lab07.step3
        try {
            context.delta().append(misnamedBatch, path);
            context.log("Delta accepted the misnamed column: schema enforcement did not happen");
        } catch (RefusedOperationException refused) {
            context.log("Delta refused the append: " + refused.getMessage().lines().findFirst().orElse(""));
        }
        context.delta().append(evolvedBatch, path, Map.of("mergeSchema", "true"));
    }

    /**
     * Step 4: trains {@link DeltaLab#pipeline()} on the version the UPDATE made (read with versionAsOf), logs the model
     * under {@code model/}, the metric {@code training_rows}, and a dataset input of that version of the table,
     * built by {@code DeltaTableInput.of(...)} as MLflow's {@code mlflow.data.load_delta} would record it.
     */
    void trainOnPinnedVersion(String runId, String path) {
        // DONE lab07.step4
        SparkSession spark = context.spark();
        long version = DeltaTable.forPath(spark, path).history().where("operation = 'UPDATE'")
                .agg(max("version")).first().getLong(0);
        Dataset<Row> training = spark.read().format("delta").option("versionAsOf", version).load(path).cache();
        PipelineModel model = DeltaLab.pipeline().fit(training);
        context.models().log(runId, "model", model, DeltaLab.signature());
        long rows = training.count();
        context.tracking().logMetric(runId, "training_rows", rows);
        DatasetInput input = DeltaTableInput.of("churn_training", path, version, training, "training");
        context.mlflow().datasets().log(runId, List.of(input));
        context.log("Trained on version " + version + " (" + rows + " rows) of " + path);
        training.unpersist();
    }
}
