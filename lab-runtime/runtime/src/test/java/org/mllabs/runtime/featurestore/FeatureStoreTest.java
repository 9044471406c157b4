package org.mllabs.runtime.featurestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mllabs.runtime.featurestore.FeatureRows.day;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.SparkExtension;

/** The client labs use: its tables are the directory's Delta tables, and without a server it logs no model. */
@ExtendWith(SparkExtension.class)
class FeatureStoreTest {

    private static final String TABLE = "customer_features";

    @Test
    void aTableTheStoreCreatesIsAFeatureTableOfItsDirectory(SparkSession spark, @TempDir Path root) {
        FeatureStore store = new FeatureStore(spark, root);
        store.createTable(TABLE, List.of("customer_id"), "ts", rows(spark), "calls");

        FeatureTables tables = new FeatureTables(spark, root);
        assertThat(tables.getTable(TABLE)).isEqualTo(store.getTable(TABLE));
        assertThat(tables.version(TABLE)).isEqualTo(store.version(TABLE)).isEqualTo(1);
        assertThat(store.pathOf(TABLE)).isEqualTo(root.toAbsolutePath().resolve(TABLE));
    }

    @Test
    void aStoreWithoutAServerRefusesToLogOrScoreAModel(SparkSession spark, @TempDir Path root) {
        FeatureStore store = new FeatureStore(spark, root);
        store.createTable(TABLE, List.of("customer_id"), "ts", rows(spark), "calls");
        TrainingSet training = store.createTrainingSet(FeatureRows.table(spark, FeatureRows.LABELS,
                new Object[] {"a", day(5), 1L}), List.of(FeatureLookup.of(TABLE, List.of("customer_id"),
                List.of("calls"))), "churned", List.of());

        assertThatThrownBy(() -> store.logTrainingSet("run", training))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no MLflow server");
        assertThatThrownBy(() -> store.scoreBatch("runs:/run/model", training.loadDf()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no MLflow server");
    }

    private static Dataset<Row> rows(SparkSession spark) {
        return FeatureRows.table(spark, FeatureRows.FEATURES, new Object[] {"a", day(1), 1L, "basic"},
                new Object[] {"b", day(1), 5L, "basic"});
    }
}
