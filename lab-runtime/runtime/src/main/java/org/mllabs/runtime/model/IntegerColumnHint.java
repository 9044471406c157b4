package org.mllabs.runtime.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The warning Python's {@code mlflow.models.infer_signature} gives when a signature's inputs have {@code integer} or
 * {@code long} columns, given once per JVM as a log4j WARN with MLflow's own text and the columns: such a column
 * refuses the {@code float64} pandas reads a whole-number column with a missing cell as.
 */
final class IntegerColumnHint {

    /** MLflow's hint, word for word ({@code mlflow/types/utils.py}, {@code _infer_schema}). */
    static final String MLFLOW_HINT = "Hint: Inferred schema contains integer column(s). Integer columns in "
            + "Python cannot represent missing values. If your input data contains "
            + "missing values at inference time, it will be encoded as floats and will "
            + "cause a schema enforcement error. The best way to avoid this problem is "
            + "to infer the model schema based on a realistic data sample (training "
            + "dataset) that includes missing values. Alternatively, you can declare "
            + "integer columns as doubles (float64) whenever these columns may have "
            + "missing values. See `Handling Integers With Missing Values "
            + "<https://www.mlflow.org/docs/latest/models.html#"
            + "handling-integers-with-missing-values>`_ for more details.";

    private static final Logger LOG = LogManager.getLogger(ModelSignature.class);
    private static final AtomicBoolean GIVEN = new AtomicBoolean();

    private IntegerColumnHint() {
    }

    /** The input columns whose type is {@code integer} or {@code long} in a signature, in schema order. */
    static List<String> wholeNumberColumns(StructType inputs) {
        return List.of(inputs.fields()).stream()
                .filter(field -> isWholeNumber(ModelSignature.columnType(field)))
                .map(StructField::name)
                .toList();
    }

    /**
     * Logs the hint when the inputs have whole-number columns and it was not given yet in this JVM.
     *
     * @return whether it was logged now
     */
    static boolean warnOnce(StructType inputs) {
        List<String> columns = wholeNumberColumns(inputs);
        if (columns.isEmpty() || !GIVEN.compareAndSet(false, true)) {
            return false;
        }
        LOG.warn("Model signature inputs {} are integer or long. {}", columns, MLFLOW_HINT);
        return true;
    }

    /** Forgets that the hint was given, for tests. */
    static void reset() {
        GIVEN.set(false);
    }

    private static boolean isWholeNumber(String type) {
        return type.equals("integer") || type.equals("long");
    }
}
