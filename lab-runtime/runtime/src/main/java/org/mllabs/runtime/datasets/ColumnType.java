package org.mllabs.runtime.datasets;

import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The types a dataset column can have, each with its Spark type and the name {@code dataset.yaml} uses.
 *
 * <p>The Spark type is looked up only when asked for, so that the generators run without Spark on the class path.
 */
public enum ColumnType {
    /** Text; an empty cell is {@code null}. */
    STRING,
    /**
     * A 64-bit whole number, what pandas reads a whole-number column with no missing cell as ({@code int64}); a
     * whole-number column with missing cells is {@link #DOUBLE}, as pandas reads it ({@code float64}).
     */
    LONG,
    /** A double-precision number, written in plain decimal notation. */
    DOUBLE,
    /** A calendar date, {@code 2024-03-05}. */
    DATE,
    /** An instant, written in UTC as {@code 2024-03-05T14:23:07Z}. */
    TIMESTAMP;

    /** The Spark SQL type of a column of this type. */
    public DataType sparkType() {
        return switch (this) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    /** The lower-case name used in {@code dataset.yaml}, such as {@code timestamp}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
