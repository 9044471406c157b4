package org.mllabs.runtime.featurestore;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small tables for the feature store's tests: customers' features over days, and labels. */
final class FeatureRows {

    /** customer_id, ts, calls (long), plan (string). */
    static final StructType FEATURES = new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("calls", DataTypes.LongType)
            .add("plan", DataTypes.StringType);

    /** customer_id, label_time, churned (long). */
    static final StructType LABELS = new StructType()
            .add("customer_id", DataTypes.StringType)
            .add("label_time", DataTypes.TimestampType)
            .add("churned", DataTypes.LongType);

    private FeatureRows() {
    }

    /** Midnight UTC of the day of January 2024. */
    static Timestamp day(int day) {
        return Timestamp.from(Instant.parse(String.format("2024-01-%02dT00:00:00Z", day)));
    }

    static Dataset<Row> table(SparkSession spark, StructType schema, Object[]... rows) {
        List<Row> list = Arrays.stream(rows).map(RowFactory::create).toList();
        return spark.createDataFrame(list, schema);
    }
}
