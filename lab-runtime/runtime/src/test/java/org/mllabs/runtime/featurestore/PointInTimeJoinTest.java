package org.mllabs.runtime.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mllabs.runtime.featurestore.FeatureRows.day;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class PointInTimeJoinTest {

    private SparkSession spark;
    private Dataset<Row> features;

    @BeforeEach
    void setUp(SparkSession spark) {
        this.spark = spark;
        this.features = FeatureRows.table(spark, FeatureRows.FEATURES,
                new Object[] {"a", day(1), 1L, "basic"},
                new Object[] {"a", day(10), 2L, "basic"},
                new Object[] {"a", day(20), 3L, "premium"},
                new Object[] {"b", day(5), 7L, "basic"});
    }

    @Test
    void eachLabelGetsTheLatestFeatureRowAtOrBeforeItsTime() {
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"a", day(15), 0L},
                new Object[] {"a", day(25), 1L},
                new Object[] {"b", day(6), 0L});

        Map<String, Object> calls = callsByLabel(PointInTimeJoin.asOf(labels, List.of("customer_id"), "label_time",
                features, List.of("customer_id"), "ts", List.of("calls", "plan")));

        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("a@15", 2L, "a@25", 3L, "b@6", 7L));
    }

    @Test
    void aFeatureRowAtTheLabelsOwnTimeCountsAndOneAMomentLaterDoesNot() {
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"a", day(10), 0L},
                new Object[] {"a", new java.sql.Timestamp(day(20).getTime() - 1), 0L});

        Map<String, Object> calls = callsByLabel(PointInTimeJoin.asOf(labels, List.of("customer_id"), "label_time",
                features, List.of("customer_id"), "ts", List.of("calls")));

        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("a@10", 2L, "a@19", 2L));
    }

    @Test
    void aLabelWithNoEarlierRowOrNoRowAtAllKeepsItsRowWithNulls() {
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"b", day(4), 1L},
                new Object[] {"c", day(30), 0L});

        List<Row> joined = PointInTimeJoin.asOf(labels, List.of("customer_id"), "label_time", features,
                List.of("customer_id"), "ts", List.of("calls", "plan")).collectAsList();

        assertThat(joined).hasSize(2).allSatisfy(row -> {
            assertThat(row.isNullAt(row.fieldIndex("calls"))).isTrue();
            assertThat(row.isNullAt(row.fieldIndex("plan"))).isTrue();
            assertThat(row.getLong(row.fieldIndex("churned"))).isIn(0L, 1L);
        });
    }

    @Test
    void severalKeysMustAllMatch() {
        StructType schema = new StructType().add("store", DataTypes.StringType).add("item", DataTypes.IntegerType)
                .add("ts", DataTypes.TimestampType).add("stock", DataTypes.IntegerType);
        Dataset<Row> stock = FeatureRows.table(spark, schema,
                new Object[] {"s1", 1, day(1), 10},
                new Object[] {"s1", 2, day(1), 20},
                new Object[] {"s2", 1, day(1), 30},
                new Object[] {"s1", 1, day(3), 11});
        StructType labelSchema = new StructType().add("shop", DataTypes.StringType).add("sku", DataTypes.IntegerType)
                .add("at", DataTypes.TimestampType);
        Dataset<Row> labels = FeatureRows.table(spark, labelSchema,
                new Object[] {"s1", 1, day(2)},
                new Object[] {"s1", 2, day(2)},
                new Object[] {"s2", 1, day(4)},
                new Object[] {"s2", 2, day(4)});

        Map<String, Object> stockByKey = PointInTimeJoin.asOf(labels, List.of("shop", "sku"), "at", stock,
                        List.of("store", "item"), "ts", List.of("stock")).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getString(0) + "/" + row.getInt(1),
                        row -> row.isNullAt(3) ? "null" : row.get(3)));

        assertThat(stockByKey).containsExactlyInAnyOrderEntriesOf(
                Map.of("s1/1", 10, "s1/2", 20, "s2/1", 30, "s2/2", "null"));
    }

    @Test
    void theLatestJoinIgnoresTheLabelsTime() {
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"a", day(2), 0L},
                new Object[] {"b", day(2), 0L});

        Map<String, Object> calls = callsByLabel(PointInTimeJoin.latest(labels, List.of("customer_id"), features,
                List.of("customer_id"), "ts", List.of("calls")));

        assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("a@2", 3L, "b@2", 7L));
    }

    /** calls by customer and label day, such as {@code a@15 -> 2}. */
    private static Map<String, Object> callsByLabel(Dataset<Row> joined) {
        return joined.collectAsList().stream().collect(Collectors.toMap(
                row -> row.getString(row.fieldIndex("customer_id")) + "@"
                        + row.getTimestamp(row.fieldIndex("label_time")).toInstant().atZone(java.time.ZoneOffset.UTC)
                        .getDayOfMonth(),
                row -> row.get(row.fieldIndex("calls"))));
    }
}
