package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mllabs.runtime.featurestore.FeatureRows.day;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class FeatureTablesTest {

    private static final String TABLE = "customer_features";

    private SparkSession spark;
    private FeatureTables tables;
    private Dataset<Row> snapshots;

    @BeforeEach
    void setUp(SparkSession spark, @TempDir Path root) {
        this.spark = spark;
        this.tables = new FeatureTables(spark, root);
        this.snapshots = FeatureRows.table(spark, FeatureRows.FEATURES,
                new Object[] {"a", day(1), 1L, "basic"},
                new Object[] {"b", day(1), 5L, "basic"},
                new Object[] {"a", day(10), 2L, "premium"});
    }

    @Test
    void aCreatedTableKeepsItsKeysAndDescriptionAsDeltaProperties() {
        tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "calls and plan by customer");

        FeatureTable table = tables.getTable(TABLE);
        assertThat(table.primaryKeys()).containsExactly("customer_id");
        assertThat(table.timestampKey()).isEqualTo("ts");
        assertThat(table.description()).isEqualTo("calls and plan by customer");
        assertThat(table.features()).containsExactly("calls", "plan");
        assertThat(table.path()).isEqualTo(tables.root().resolve(TABLE));
        Row detail = DeltaTable.forPath(spark, table.path().toString()).detail().first();
        Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
        assertThat(properties).containsEntry(FeatureTable.PRIMARY_KEYS_PROPERTY, "customer_id")
                .containsEntry(FeatureTable.TIMESTAMP_KEY_PROPERTY, "ts");
        assertThat(tables.readTable(TABLE).count()).isEqualTo(3);
    }

    @Test
    void aTableIsNotCreatedTwiceNorWithRowsThatShareTheirKeys() {
        assertThatThrownBy(() -> tables.createTable(TABLE, List.of("customer_id"), null, snapshots, "no history"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same keys [customer_id]");
        assertThat(tables.exists(TABLE)).isFalse();

        tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "with history");
        assertThatThrownBy(() -> tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "again"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
    }

    @Test
    void aMergeUpdatesTheRowsWhoseKeysExistAndInsertsTheOthers() {
        tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "calls");
        Dataset<Row> update = FeatureRows.table(spark, FeatureRows.FEATURES,
                new Object[] {"a", day(10), 4L, "premium"},
                new Object[] {"b", day(20), 6L, "basic"});

        tables.writeTable(TABLE, update, WriteMode.MERGE);

        Dataset<Row> rows = tables.readTable(TABLE);
        assertThat(rows.count()).isEqualTo(4);
        assertThat(rows.filter(col("customer_id").equalTo("a").and(col("ts").equalTo(day(10))))
                .select("calls").first().getLong(0)).isEqualTo(4L);
        assertThat(lastOperation(tables.getTable(TABLE))).isEqualTo("MERGE");
        assertThat(tables.version(TABLE)).isEqualTo(2);
    }

    @Test
    void anOverwriteReplacesTheRowsAndKeepsTheKeys() {
        tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "calls");

        tables.writeTable(TABLE, snapshots.limit(1), WriteMode.OVERWRITE);

        assertThat(tables.readTable(TABLE).count()).isEqualTo(1);
        assertThat(tables.getTable(TABLE).timestampKey()).isEqualTo("ts");
        assertThat(lastOperation(tables.getTable(TABLE))).isEqualTo("WRITE");
    }

    @Test
    void aTrainingSetLooksFeaturesUpAtEachLabelsTimeAndRecordsWhereTheyCameFrom() {
        tables.createTable(TABLE, List.of("customer_id"), "ts", snapshots, "calls");
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"a", day(5), 1L},
                new Object[] {"b", day(5), 0L});

        TrainingSet training = tables.createTrainingSet(labels, List.of(
                        FeatureLookup.of(TABLE, List.of("customer_id"), List.of("calls"))
                                .withTimestampLookupKey("label_time")),
                "churned", List.of("label_time"));

        assertThat(training.loadDf().columns()).containsExactly("customer_id", "churned", "calls");
        assertThat(training.loadDf().filter(col("customer_id").equalTo("a")).first().getLong(2)).isEqualTo(1L);
        assertThat(training.featureNames()).containsExactly("calls");
        FeatureSpec.Lookup lineage = training.featureSpec().lookups().get(0);
        assertThat(lineage).isEqualTo(new FeatureSpec.Lookup(TABLE, tables.root().resolve(TABLE).toString(), 1,
                List.of("customer_id"), "ts", List.of("customer_id"), "label_time", List.of("calls")));
        assertThat(FeatureSpec.fromYaml(training.featureSpec().toYaml())).isEqualTo(training.featureSpec());
    }

    @Test
    void aLookupOfAnUnknownFeatureOrWithTooFewKeysIsRefused() {
        tables.createTable(TABLE, List.of("customer_id", "plan"), "ts", snapshots, "calls");
        Dataset<Row> labels = FeatureRows.table(spark, FeatureRows.LABELS, new Object[] {"a", day(5), 1L});

        assertThatThrownBy(() -> tables.createTrainingSet(labels,
                List.of(FeatureLookup.of(TABLE, List.of("customer_id"), List.of("calls"))), "churned", List.of()))
                .hasMessageContaining("for its primary keys [customer_id, plan]");
        assertThatThrownBy(() -> tables.createTrainingSet(labels,
                List.of(FeatureLookup.of(TABLE, List.of("customer_id", "customer_id"), List.of("tenure"))),
                "churned", List.of()))
                .hasMessageContaining("has no feature tenure");
    }

    private String lastOperation(FeatureTable table) {
        return DeltaTable.forPath(spark, table.path().toString()).history(1).select("operation").first().getString(0);
    }
}
