package org.mllabs.runtime.automl;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Profiles a DataFrame for AutoML in two Spark jobs (one aggregation of the missing cells of every column, the
 * distinct values of each text column and whether each numeric column is constant; then the label's balance or
 * range) and decides each column's {@link ColumnRole}. Distinct values are counted exactly for text columns, where
 * they decide the role; a numeric column's count is 1 when it is constant and 2 otherwise (at least two values),
 * since counting them all would expand every row once more per column for nothing the decisions use.
 * The roles:
 * <ul>
 *   <li>a numeric column is a numeric feature, unless it is constant or mostly missing;</li>
 *   <li>a text column with at most {@value #MAX_CATEGORIES} distinct values is categorical (one-hot encoded);
 *       one whose distinct values are more than {@value #ID_LIKE_RATIO} of its rows is id-like and dropped, as is
 *       any other text column of high cardinality (one-hot encoding it would give a wide, sparse, overfitting
 *       feature);</li>
 *   <li>dates, timestamps and other types are dropped: AutoML derives no features from them;</li>
 *   <li>a column missing in more than {@value #MAX_MISSING_RATIO} of the rows is dropped.</li>
 * </ul>
 */
public final class DataProfiler {

    /** The most distinct values a text column may have to be one-hot encoded. */
    public static final int MAX_CATEGORIES = 20;
    /** Distinct values over non-missing rows above which a text column looks like an identifier. */
    public static final double ID_LIKE_RATIO = 0.5;
    /** The share of missing cells above which a column is dropped rather than imputed. */
    public static final double MAX_MISSING_RATIO = 0.5;

    private DataProfiler() {
    }

    /**
     * Profiles the data.
     *
     * @param data the rows, label included
     * @param target the label column
     * @param classification whether the label is a class (its balance is profiled) or a number (its range is)
     */
    public static DataProfile profile(Dataset<Row> data, String target, boolean classification) {
        List<String> names = List.of(data.columns());
        if (!names.contains(target)) {
            throw new IllegalArgumentException("No target column " + target + " in " + names);
        }
        List<Column> aggregates = new ArrayList<>();
        for (StructField field : data.schema().fields()) {
            Column column = col(field.name());
            aggregates.add(count(when(column.isNull(), 1)));
            // numbers: their distinct values only matter as "constant or not", which min and max tell cheaply
            aggregates.add(field.dataType() instanceof NumericType
                    ? when(min(column).equalTo(max(column)), 1).when(min(column).isNull(), 0).otherwise(2)
                    : count_distinct(column));
        }
        Row stats = data.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
        long rows = stats.getLong(0);
        List<ColumnProfile> columns = new ArrayList<>();
        int index = 1;
        for (StructField field : data.schema().fields()) {
            long missing = stats.getLong(index++);
            long distinct = ((Number) stats.get(index++)).longValue();
            double missingRatio = rows == 0 ? 0 : (double) missing / rows;
            columns.add(decide(field, target, missingRatio, distinct, rows - missing));
        }
        return new DataProfile(target, rows, columns,
                classification ? balance(data, target, rows) : range(data, target));
    }

    private static ColumnProfile decide(StructField field, String target, double missingRatio, long distinct,
                                        long present) {
        DataType type = field.dataType();
        String name = field.name();
        String typeName = type.simpleString();
        if (name.equals(target)) {
            return new ColumnProfile(name, typeName, missingRatio, distinct, ColumnRole.TARGET,
                    missingRatio > 0 ? "the label; rows without it are left out" : "the label");
        }
        if (missingRatio > MAX_MISSING_RATIO) {
            return dropped(field, missingRatio, distinct, String.format(Locale.ROOT, "missing in %.0f %% of the rows",
                    100 * missingRatio));
        }
        if (type instanceof NumericType) {
            return distinct <= 1
                    ? dropped(field, missingRatio, distinct, "constant")
                    : new ColumnProfile(name, typeName, missingRatio, distinct, ColumnRole.NUMERIC,
                            missingRatio > 0 ? "numeric; missing cells get the median" : "numeric");
        }
        if (type instanceof StringType) {
            if (present > 0 && (double) distinct / present > ID_LIKE_RATIO) {
                return dropped(field, missingRatio, distinct, String.format(Locale.ROOT,
                        "id-like: %d distinct values in %d rows", distinct, present));
            }
            if (distinct > MAX_CATEGORIES) {
                return dropped(field, missingRatio, distinct, "high cardinality: more than " + MAX_CATEGORIES
                        + " values");
            }
            return new ColumnProfile(name, typeName, missingRatio, distinct, ColumnRole.CATEGORICAL,
                    "categorical, one-hot encoded" + (missingRatio > 0 ? "; missing is a category of its own" : ""));
        }
        return dropped(field, missingRatio, distinct, typeName + ": no features derived from this type");
    }

    private static ColumnProfile dropped(StructField field, double missingRatio, long distinct, String reason) {
        return new ColumnProfile(field.name(), field.dataType().simpleString(), missingRatio, distinct,
                ColumnRole.DROPPED, reason);
    }

    private static Map<String, Double> balance(Dataset<Row> data, String target, long rows) {
        Map<String, Double> shares = new LinkedHashMap<>();
        data.where(col(target).isNotNull()).groupBy(target).count().collectAsList().stream()
                .sorted(Comparator.comparing(row -> String.valueOf(row.get(0))))
                .forEach(row -> shares.put(String.valueOf(row.get(0)), (double) row.getLong(1) / rows));
        return shares;
    }

    private static Map<String, Double> range(Dataset<Row> data, String target) {
        Row stats = data.agg(min(col(target).cast("double")), avg(col(target).cast("double")),
                max(col(target).cast("double"))).first();
        Map<String, Double> range = new LinkedHashMap<>();
        range.put("min", stats.getDouble(0));
        range.put("mean", stats.getDouble(1));
        range.put("max", stats.getDouble(2));
        return range;
    }
}
