package org.mllabs.lab07;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

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
        // TODO lab07.step1
        throw new StepNotDoneException("lab07.step1",
                "write version 0, append the new customers, update missing payment methods");
    }

    /**
     * Step 2: reads version 0 by version and the table as it was when the append committed by timestamp, both through
     * the runtime's reader, which records the versions read; logs the row count of version 0 and the missing payment
     * methods at that timestamp, and the timestamp as a param.
     */
    void timeTravel(String runId, String path) {
        // TODO lab07.step2
        throw new StepNotDoneException("lab07.step2", "read with context.timeTravel().versionAsOf and .timestampAsOf, "
                + "log what you find");
    }

    /**
     * Step 3: appends {@code misnamedBatch} through the runtime's audited writer without mergeSchema, so that Delta
     * refuses it and the runtime records the refusal; catches it and goes on; then appends {@code evolvedBatch} with
     * mergeSchema.
     */
    void enforceAndEvolveSchema(String path, Dataset<Row> misnamedBatch, Dataset<Row> evolvedBatch) {
        // TODO lab07.step3
        throw new StepNotDoneException("lab07.step3",
                "show schema enforcement, then evolve the schema with mergeSchema");
    }

    /**
     * Step 4: trains {@link DeltaLab#pipeline()} on the version the UPDATE made (read with versionAsOf), logs the model
     * under {@code model/}, the metric {@code training_rows}, and a dataset input of that version of the table,
     * built by {@code DeltaTableInput.of(...)} as MLflow's {@code mlflow.data.load_delta} would record it.
     */
    void trainOnPinnedVersion(String runId, String path) {
        // TODO lab07.step4
        throw new StepNotDoneException("lab07.step4", "train on a pinned version and record it as a dataset input");
    }
}
