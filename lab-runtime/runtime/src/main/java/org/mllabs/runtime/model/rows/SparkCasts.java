package org.mllabs.runtime.model.rows;

import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark's casts to {@code double} of the scalar types the per-row path reads, and the Java class each type's values
 * have in a Spark row.
 */
final class SparkCasts {

    private static final Map<DataType, Class<?>> JAVA_CLASSES = Map.of(
            DataTypes.DoubleType, Double.class,
            DataTypes.FloatType, Float.class,
            DataTypes.LongType, Long.class,
            DataTypes.IntegerType, Integer.class,
            DataTypes.ShortType, Short.class,
            DataTypes.ByteType, Byte.class,
            DataTypes.BooleanType, Boolean.class,
            DataTypes.StringType, String.class);

    private SparkCasts() {
    }

    /** Whether Spark casts the type to double as {@link #toDouble} does: its numeric types but decimal, and boolean. */
    static boolean castsToDouble(DataType type) {
        return JAVA_CLASSES.containsKey(type) && !DataTypes.StringType.equals(type);
    }

    /**
     * Whether a value is one a Spark row of the type holds. Types this path never reads (dates, decimals, ...) hold
     * anything: no stage looks at them.
     */
    static boolean holds(DataType type, Object value) {
        Class<?> javaClass = JAVA_CLASSES.get(type);
        return value == null || javaClass == null || javaClass.isInstance(value);
    }

    /** {@code CAST(value AS DOUBLE)} of a non-null value of a type that {@link #castsToDouble}. */
    static double toDouble(Object value) {
        if (value instanceof Boolean flag) {
            return flag ? 1.0 : 0.0;
        }
        return ((Number) value).doubleValue();
    }
}
