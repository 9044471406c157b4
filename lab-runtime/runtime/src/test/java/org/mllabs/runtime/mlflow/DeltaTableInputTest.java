package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.lineage.ContentDigest;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class DeltaTableInputTest {

    private static final StructType SCHEMA = new StructType().add("customer_id", DataTypes.StringType)
            .add("tenure", DataTypes.LongType).add("charges", DataTypes.DoubleType);

    @Test
    void aVersionReadFromATableIsRecordedAsMlflowsDeltaSourceWithItsVersion(SparkSession spark, @TempDir Path dir) {
        String path = dir.resolve("churn").toString();
        rows(spark, RowFactory.create("a", 1L, 10.5), RowFactory.create("b", 2L, 20.0))
                .write().format("delta").save(path);
        rows(spark, RowFactory.create("c", 3L, 30.0)).write().format("delta").mode("append").save(path);
        Dataset<Row> first = spark.read().format("delta").option("versionAsOf", 0).load(path);

        DatasetInput input = DeltaTableInput.of("churn_training", path, 0, first, "training");

        assertThat(input.name()).isEqualTo("churn_training");
        assertThat(input.sourceType()).isEqualTo("delta_table");
        // version 0 is written, unlike MLflow's to_dict, so that load() reads version 0 and not the latest
        assertThat(input.source()).isEqualTo("{\"path\": \"" + path + "\", \"delta_table_version\": 0}");
        assertThat(input.schema()).isEqualTo("{\"mlflow_colspec\": ["
                + "{\"type\": \"string\", \"name\": \"customer_id\", \"required\": true}, "
                + "{\"type\": \"long\", \"name\": \"tenure\", \"required\": true}, "
                + "{\"type\": \"double\", \"name\": \"charges\", \"required\": true}]}");
        assertThat(input.profile()).isEqualTo("{\"approx_count\": 2}");
        assertThat(input.digest()).isEqualTo(ContentDigest.of(first))
                .isNotEqualTo(ContentDigest.of(spark.read().format("delta").load(path)));
        assertThat(input.context()).isEqualTo("training");
    }

    @Test
    void theSourceEscapesAPathAsPythonWould() {
        assertThat(DeltaTableInput.source("/data/ch\"urn é", 12))
                .isEqualTo("{\"path\": \"/data/ch\\\"urn \\u00e9\", \"delta_table_version\": 12}");
    }

    private static Dataset<Row> rows(SparkSession spark, Row... rows) {
        return spark.createDataFrame(List.of(rows), SCHEMA);
    }
}
