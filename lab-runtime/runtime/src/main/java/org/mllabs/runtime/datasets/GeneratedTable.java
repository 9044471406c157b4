package org.mllabs.runtime.datasets;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Rows made from a dataset's generator, with their schema: as maps by column name for a grader, in the types the
 * Delta Kernel reads a table's rows in ({@link Instant} for a timestamp, {@link Long}, {@link Double},
 * {@link String}, {@code null} for a missing value), or as a Spark {@link Dataset} for a lab.
 *
 * @param schema the columns and their Spark types
 * @param rows the rows, each a map from every column of the schema to its value
 */
public record GeneratedTable(StructType schema, List<Map<String, Object>> rows) {

    /** Keeps the rows unmodifiable. */
    public GeneratedTable {
        rows = Collections.unmodifiableList(rows);
    }

    /** The rows as a Spark DataFrame with the schema. */
    public Dataset<Row> toDataset(SparkSession spark) {
        List<Row> sparkRows = rows.stream()
                .map(row -> RowFactory.create(Arrays.stream(schema.fieldNames()).map(name -> sparkValue(row.get(name)))
                        .toArray()))
                .toList();
        return spark.createDataFrame(sparkRows, schema);
    }

    private static Object sparkValue(Object value) {
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }
}
