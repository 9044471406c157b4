package org.mllabs.serving.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.serving.InferenceRequests;
import org.mllabs.runtime.testing.SparkExtension;

/** {@code unpack_requests} over an inference table with requests in every format MLflow takes. */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class InferenceRequestsIT {

    private static final StructType FEATURES = new StructType().add("tenure", DataTypes.DoubleType)
            .add("plan", DataTypes.StringType).add("calls", DataTypes.LongType);
    private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

    @Test
    void eachAnsweredRequestBecomesOneRowAPredictionWithItsFeatures(SparkSession spark) {
        Dataset<Row> table = spark.createDataFrame(List.of(
                logged("r1", "c1", 200, "{\"dataframe_records\": [{\"tenure\": 1.5, \"plan\": \"basic\", "
                        + "\"calls\": 2}, {\"tenure\": 3, \"plan\": \"plus\"}]}", "{\"predictions\": [1.0, 0.0]}"),
                logged("r2", null, 200, "{\"dataframe_split\": {\"columns\": [\"plan\", \"tenure\", \"calls\"], "
                        + "\"data\": [[\"premium\", 7.25, 4]]}}", "{\"predictions\": [0.0]}"),
                logged("r3", null, 200, "{\"inputs\": {\"tenure\": [1, 2], \"plan\": [\"a\", \"b\"], "
                        + "\"calls\": [0, 1]}}", "{\"predictions\": [1, 0]}"),
                logged("r4", null, 200, "{\"instances\": [{\"tenure\": 9.0, \"plan\": \"c\", \"calls\": 3}]}",
                        "{\"predictions\": [1.0]}"),
                logged("r5", null, 400, "{\"dataframe_records\": [{\"tenure\": 1.0}]}", "{\"error_code\": \"x\"}"),
                logged("r6", null, 200, "{\"dataframe_records\": [{\"tenure\": 1.0}]}", "{\"predictions\": []}"),
                logged("r7", null, 200, "not json", "{\"predictions\": [1.0]}")), InferenceTables.SCHEMA);

        List<Row> rows = InferenceRequests.unpack(table, FEATURES).orderBy("databricks_request_id").collectAsList();

        assertThat(rows).extracting(row -> row.getString(0)).containsExactly("r1", "r1", "r2", "r3", "r3", "r4");
        Row first = rows.get(0);
        assertThat(first.schema().fieldNames()).containsExactly("databricks_request_id", "client_request_id",
                "timestamp_ms", "date", "model_name", "model_version", "served_entity_name", "tenure", "plan",
                "calls", "prediction");
        assertThat(first.getString(1)).isEqualTo("c1");
        assertThat(first.getString(4)).isEqualTo("main.labs.churn");
        assertThat(first.getString(5)).isEqualTo("3");
        assertThat(first.getString(6)).isEqualTo("churn-3");
        assertThat(List.of(first.get(7), first.get(8), first.get(9), first.get(10))).containsExactly(1.5, "basic",
                2L, 1.0);
        assertThat(rows.get(1).isNullAt(9)).isTrue();
        assertThat(List.of(rows.get(2).get(7), rows.get(2).get(8), rows.get(2).get(9))).containsExactly(7.25,
                "premium", 4L);
        assertThat(List.of(rows.get(4).get(7), rows.get(4).get(8), rows.get(4).get(10))).containsExactly(2.0, "b",
                0.0);
    }

    @Test
    void aFeatureOfAnotherTypeIsRefusedByName(SparkSession spark) {
        Dataset<Row> table = spark.createDataFrame(List.of(), InferenceTables.SCHEMA);

        assertThatThrownBy(() -> InferenceRequests.unpack(table, new StructType().add("day", DataTypes.DateType)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Feature day has type");
    }

    private static Row logged(String id, String clientId, int status, String request, String response) {
        return RowFactory.create(id, clientId, DAY, 1_765_000_000_000L, status, 1.0, 3L, request, response,
                Map.of("endpoint_name", "churn", "model_name", "main.labs.churn", "model_version", "3",
                        "served_entity_name", "churn-3"));
    }
}
