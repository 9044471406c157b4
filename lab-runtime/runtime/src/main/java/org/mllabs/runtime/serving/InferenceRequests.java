package org.mllabs.runtime.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code unpack_requests} step of inference-table monitoring: an inference table's answered requests
 * ({@code status_code} 200) turned into one row a prediction, with the request's feature columns and the prediction
 * the endpoint returned, for drift and quality monitoring.
 *
 * <p>Each output row has the request's {@code databricks_request_id}, {@code client_request_id},
 * {@code timestamp_ms} and {@code date}, the {@code model_name}, {@code model_version} and
 * {@code served_entity_name} of its {@code request_metadata}, then the feature columns asked for (read from the
 * request in any of MLflow's formats: {@code dataframe_records}, {@code dataframe_split}, {@code instances},
 * {@code inputs}; a feature the request does not carry is {@code null}), then {@code prediction} (a double). The rows
 * of a request follow its order. A request whose rows and predictions do not pair up, or that cannot be read, gives
 * no rows.
 */
public final class InferenceRequests {

    private static final List<StructField> REQUEST_COLUMNS = List.of(
            DataTypes.createStructField("databricks_request_id", DataTypes.StringType, true),
            DataTypes.createStructField("client_request_id", DataTypes.StringType, true),
            DataTypes.createStructField("timestamp_ms", DataTypes.LongType, true),
            DataTypes.createStructField("date", DataTypes.DateType, true),
            DataTypes.createStructField("model_name", DataTypes.StringType, true),
            DataTypes.createStructField("model_version", DataTypes.StringType, true),
            DataTypes.createStructField("served_entity_name", DataTypes.StringType, true));

    private static final List<DataType> FEATURE_TYPES = List.of(DataTypes.DoubleType, DataTypes.FloatType,
            DataTypes.LongType, DataTypes.IntegerType, DataTypes.StringType, DataTypes.BooleanType);

    private InferenceRequests() {
    }

    /**
     * Unpacks an inference table.
     *
     * @param inferenceTable the table, as read (the serving service's {@code InferenceTables.SCHEMA})
     * @param features the feature columns to read from each request, with their types (double, float, long,
     *     integer, string, boolean)
     */
    public static Dataset<Row> unpack(Dataset<Row> inferenceTable, StructType features) {
        List<StructField> fields = new ArrayList<>(REQUEST_COLUMNS);
        for (StructField feature : features.fields()) {
            if (!FEATURE_TYPES.contains(feature.dataType())) {
                throw new IllegalArgumentException("Feature " + feature.name() + " has type " + feature.dataType()
                        + "; unpack_requests reads double, float, long, integer, string and boolean features.");
            }
            fields.add(DataTypes.createStructField(feature.name(), feature.dataType(), true));
        }
        fields.add(DataTypes.createStructField("prediction", DataTypes.DoubleType, true));
        StructType schema = DataTypes.createStructType(fields);
        return inferenceTable.where("status_code = 200").flatMap(new Unpack(features), Encoders.row(schema));
    }

    /** One inference table row to its predictions' rows. */
    private record Unpack(StructType features) implements FlatMapFunction<Row, Row> {

        private static final long serialVersionUID = 1L;
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Iterator<Row> call(Row logged) {
            List<Row> rows = new ArrayList<>();
            List<Map<String, JsonNode>> inputs;
            JsonNode predictions;
            try {
                inputs = RequestRows.of(JSON.readTree(logged.<String>getAs("request")));
                predictions = JSON.readTree(logged.<String>getAs("response")).path("predictions");
            } catch (IOException | IllegalArgumentException e) {
                return rows.iterator();
            }
            if (!predictions.isArray() || predictions.size() != inputs.size()) {
                return rows.iterator();
            }
            scala.collection.Map<String, String> metadata = logged.getAs("request_metadata");
            for (int i = 0; i < inputs.size(); i++) {
                List<Object> values = new ArrayList<>();
                values.add(logged.<String>getAs("databricks_request_id"));
                values.add(logged.<String>getAs("client_request_id"));
                values.add(logged.<Long>getAs("timestamp_ms"));
                values.add(logged.<Object>getAs("date"));
                values.add(metadata == null ? null : metadata.get("model_name").getOrElse(() -> null));
                values.add(metadata == null ? null : metadata.get("model_version").getOrElse(() -> null));
                values.add(metadata == null ? null : metadata.get("served_entity_name").getOrElse(() -> null));
                for (StructField feature : features.fields()) {
                    values.add(value(inputs.get(i).get(feature.name()), feature.dataType()));
                }
                JsonNode prediction = predictions.get(i);
                values.add(prediction.isNumber() ? prediction.doubleValue() : null);
                rows.add(RowFactory.create(values.toArray()));
            }
            return rows.iterator();
        }

        private static Object value(JsonNode node, DataType type) {
            if (node == null || node.isNull()) {
                return null;
            }
            if (type.equals(DataTypes.DoubleType)) {
                return node.isNumber() ? node.doubleValue() : null;
            } else if (type.equals(DataTypes.FloatType)) {
                return node.isNumber() ? node.floatValue() : null;
            } else if (type.equals(DataTypes.LongType)) {
                return node.isNumber() ? node.longValue() : null;
            } else if (type.equals(DataTypes.IntegerType)) {
                return node.isNumber() ? node.intValue() : null;
            } else if (type.equals(DataTypes.BooleanType)) {
                return node.isBoolean() ? node.booleanValue() : null;
            }
            return node.isValueNode() ? node.asText() : node.toString();
        }
    }
}
