package org.mllabs.runtime.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mllabs.runtime.featurestore.FeatureRows.day;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

/** Publishing a feature table: each key's latest row, in a file beside the tables, replaced by the next publish. */
@ExtendWith(SparkExtension.class)
class OnlineStoreTest {

    private static final String TABLE = "customer_features";

    @Test
    void aPublishedTableHoldsEachKeysLatestRowAtTheTablesLatestVersion(SparkSession spark, @TempDir Path root) {
        FeatureTables tables = new FeatureTables(spark, root);
        tables.createTable(TABLE, List.of("customer_id"), "ts", FeatureRows.table(spark, FeatureRows.FEATURES,
                new Object[] {"a", day(1), 1L, "basic"}, new Object[] {"a", day(3), 4L, "plus"},
                new Object[] {"b", day(2), 5L, null}), "calls");

        OnlineTable copy = tables.publishTable(TABLE);

        assertThat(copy.sourceVersion()).isEqualTo(tables.version(TABLE));
        assertThat(copy.primaryKeys()).containsExactly("customer_id");
        assertThat(copy.columns()).containsExactly(new OnlineTable.Column("customer_id", "string"),
                new OnlineTable.Column("calls", "long"), new OnlineTable.Column("plan", "string"));
        assertThat(copy.rows()).containsExactlyInAnyOrder(List.of("a", 4L, "plus"), Arrays.asList("b", 5L, null));
        assertThat(OnlineStore.beside(tables.pathOf(TABLE)).read(TABLE)).contains(copy);

        tables.writeTable(TABLE, FeatureRows.table(spark, FeatureRows.FEATURES,
                new Object[] {"b", day(4), 9L, "plus"}), WriteMode.MERGE);
        assertThat(OnlineStore.beside(tables.pathOf(TABLE)).read(TABLE)).contains(copy);
        assertThat(tables.publishTable(TABLE).rows()).contains(List.of("b", 9L, "plus"));
        assertThat(OnlineStore.beside(tables.pathOf(TABLE)).read(TABLE).orElseThrow().sourceVersion())
                .isEqualTo(tables.version(TABLE));
    }

    @Test
    void aTableWithoutATimestampKeyIsPublishedWholeAndItsNumbersKeepTheirTypes(SparkSession spark,
                                                                                @TempDir Path root) {
        StructType schema = new StructType().add("store_id", DataTypes.IntegerType)
                .add("revenue", DataTypes.DoubleType).add("open", DataTypes.BooleanType);
        FeatureTables tables = new FeatureTables(spark, root);
        tables.createTable("stores", List.of("store_id"), null, FeatureRows.table(spark, schema,
                new Object[] {7, Double.NaN, true}, new Object[] {8, 2.5, false}), "stores");

        OnlineTable copy = OnlineStore.beside(tables.pathOf("stores")).read(
                tables.publishTable("stores").tableName()).orElseThrow();

        assertThat(copy.rows()).containsExactlyInAnyOrder(List.of(7, Double.NaN, true), List.of(8, 2.5, false));
        assertThat(copy.features()).extracting(OnlineTable.Column::name).containsExactly("revenue", "open");
    }

    @Test
    void aTableNeverPublishedHasNoCopyAndNoTableMayBeNamedAfterTheStoresFolder(SparkSession spark,
                                                                               @TempDir Path root) {
        FeatureTables tables = new FeatureTables(spark, root);

        assertThat(OnlineStore.beside(tables.pathOf(TABLE)).read(TABLE)).isEmpty();
        assertThat(Files.exists(root.resolve(OnlineStore.FOLDER))).isFalse();
        assertThatThrownBy(() -> tables.pathOf(OnlineStore.FOLDER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("online store");
    }

    @Test
    void aColumnOfATypeTheStoreDoesNotHoldIsRefusedByName() {
        assertThatThrownBy(() -> new OnlineTable.Column("signed_up", "timestamp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signed_up")
                .hasMessageContaining("timestamp");
    }
}
