package org.mllabs.serving.scoring;

import java.util.Optional;

/**
 * The types of the columns a served model is handed, each with the Java class of its values: MLflow's scalar types
 * and the pandas dtypes MLflow's scoring server turns them into.
 */
public enum ColumnType {
    /** MLflow's {@code double}, pandas' {@code float64}: {@link Double}. */
    DOUBLE("double", "float64"),
    /** MLflow's {@code float}, pandas' {@code float32}: {@link Float}. */
    FLOAT("float", "float32"),
    /** MLflow's {@code long}, pandas' {@code int64}: {@link Long}. */
    LONG("long", "int64"),
    /** MLflow's {@code integer}, pandas' {@code int32}: {@link Integer}. */
    INTEGER("integer", "int32"),
    /** MLflow's {@code boolean}, pandas' {@code bool}: {@link Boolean}. */
    BOOLEAN("boolean", "bool"),
    /** MLflow's {@code string}, pandas' {@code object} or {@code str} of strings: {@link String}. */
    STRING("string", "str");

    private final String mlflowName;
    private final String dtype;

    ColumnType(String mlflowName, String dtype) {
        this.mlflowName = mlflowName;
        this.dtype = dtype;
    }

    /** The type of an MLflow column spec's {@code type}, if it is one of these scalars. */
    public static Optional<ColumnType> ofMlflow(String type) {
        for (ColumnType candidate : values()) {
            if (candidate.mlflowName.equals(type)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The type of a pandas column's dtype, as {@code str(series.dtype)} writes it, if it is one of these. A column of
     * strings is {@code object} in pandas before 3.0 and {@code str} since.
     */
    public static Optional<ColumnType> ofDtype(String dtype) {
        if ("object".equals(dtype) || "string".equals(dtype)) {
            return Optional.of(STRING);
        }
        for (ColumnType candidate : values()) {
            if (candidate.dtype.equals(dtype)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
