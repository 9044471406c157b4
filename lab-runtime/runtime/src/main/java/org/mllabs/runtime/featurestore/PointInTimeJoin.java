package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Joins a feature table's features to the rows of another table (labels to train on, keys to score) by key.
 *
 * <ul>
 *   <li>{@link #asOf}: point in time. Each row gets the features of the latest feature row with the same keys whose
 *       timestamp is at or before the row's own timestamp (an as-of join: a left join on the keys and
 *       {@code feature_time <= row_time}, then a window over each row that keeps its latest match). A row with no
 *       such feature row gets nulls; no feature value from after the row's timestamp can reach it.</li>
 *   <li>{@link #latest}: each key's latest feature row, whatever the row's own time; for scoring now, and for tables
 *       without a timestamp key.</li>
 * </ul>
 * Every row of the left table is kept once, in a left join; the features are added after its columns.
 */
public final class PointInTimeJoin {

    private static final String ROW = "__mllabs_row";
    private static final String RANK = "__mllabs_rank";
    private static final String FEATURE_TIME = "__mllabs_feature_time";
    private static final String KEY = "__mllabs_key_";

    private PointInTimeJoin() {
    }

    /**
     * The point-in-time join.
     *
     * @param rows the table to add features to
     * @param rowKeys its columns matched to the table's primary keys, in order
     * @param rowTime its timestamp column
     * @param table the feature table's rows
     * @param primaryKeys the feature table's primary keys
     * @param timestampKey the feature table's timestamp key
     * @param features the features to add
     */
    public static Dataset<Row> asOf(Dataset<Row> rows, List<String> rowKeys, String rowTime, Dataset<Row> table,
                                    List<String> primaryKeys, String timestampKey, List<String> features) {
        requireNoClash(rows, features);
        Dataset<Row> numbered = rows.withColumn(ROW, monotonically_increasing_id());
        Dataset<Row> right = keyed(table, primaryKeys, features, col(timestampKey).as(FEATURE_TIME));
        Column condition = keysMatch(rowKeys).and(col(FEATURE_TIME).leq(col(rowTime)));
        Dataset<Row> joined = numbered.join(right, condition, "left");
        Column newestFirst = col(FEATURE_TIME).desc_nulls_last();
        Dataset<Row> latest = joined
                .withColumn(RANK, row_number().over(Window.partitionBy(ROW).orderBy(newestFirst)))
                .filter(col(RANK).equalTo(1));
        return latest.select(output(rows, features));
    }

    /**
     * Each key's latest feature row joined to the rows; for a table without a timestamp key ({@code timestampKey}
     * null), its one row per key.
     */
    public static Dataset<Row> latest(Dataset<Row> rows, List<String> rowKeys, Dataset<Row> table,
                                      List<String> primaryKeys, String timestampKey, List<String> features) {
        requireNoClash(rows, features);
        Dataset<Row> right = keyed(latestRows(table, primaryKeys, timestampKey), primaryKeys, features);
        return rows.join(right, keysMatch(rowKeys), "left").select(output(rows, features));
    }

    /**
     * Each key's latest row of a feature table, with the table's columns; a table without a timestamp key
     * ({@code timestampKey} null) as it is, having one row a key.
     */
    public static Dataset<Row> latestRows(Dataset<Row> table, List<String> primaryKeys, String timestampKey) {
        if (timestampKey == null) {
            return table;
        }
        Column[] partition = primaryKeys.stream().map(key -> col(key)).toArray(Column[]::new);
        return table.withColumn(RANK, row_number().over(Window.partitionBy(partition)
                        .orderBy(col(timestampKey).desc())))
                .filter(col(RANK).equalTo(1)).drop(RANK);
    }

    private static Dataset<Row> keyed(Dataset<Row> table, List<String> primaryKeys, List<String> features,
                                      Column... extra) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < primaryKeys.size(); i++) {
            columns.add(col(primaryKeys.get(i)).as(KEY + i));
        }
        columns.addAll(Arrays.asList(extra));
        features.forEach(feature -> columns.add(col(feature)));
        return table.select(columns.toArray(Column[]::new));
    }

    /** The row keys equal to the feature table's keys; the names cannot clash, the table's keys being renamed. */
    private static Column keysMatch(List<String> rowKeys) {
        Column condition = null;
        for (int i = 0; i < rowKeys.size(); i++) {
            Column match = col(rowKeys.get(i)).equalTo(col(KEY + i));
            condition = condition == null ? match : condition.and(match);
        }
        return condition;
    }

    private static Column[] output(Dataset<Row> rows, List<String> features) {
        List<Column> columns = new ArrayList<>();
        for (String column : rows.columns()) {
            columns.add(col(column));
        }
        features.forEach(feature -> columns.add(col(feature)));
        return columns.toArray(Column[]::new);
    }

    private static void requireNoClash(Dataset<Row> rows, List<String> features) {
        List<String> present = Arrays.asList(rows.columns());
        for (String feature : features) {
            if (present.contains(feature)) {
                throw new IllegalArgumentException("The feature " + feature + " is already a column of the rows "
                        + present + "; exclude it from the lookup or drop it from the rows");
            }
        }
    }
}
