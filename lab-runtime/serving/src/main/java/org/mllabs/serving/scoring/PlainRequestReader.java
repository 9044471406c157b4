package org.mllabs.serving.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads, in Java, the scoring requests whose reading by MLflow's scoring server leaves no room for doubt, so that
 * they need not wait for {@link MlflowInputCheck}: a JSON object with one of {@code dataframe_records} or
 * {@code dataframe_split} (and at most a {@code client_request_id} beside it) for a schema whose columns all have
 * names and scalar types, where every row has a value for every column the request names, of the JSON kind the
 * column's type takes without conversion: a number for {@code double} and {@code float} (converted as pandas' float64
 * and then {@code astype} are), an integer token in range for {@code long} and {@code integer}, a string for
 * {@code string}, {@code true} or {@code false} for {@code boolean}.
 *
 * <p>Anything else (another input key, {@code params}, a {@code null}, a missing or optional-and-partial column, a
 * float for an integer column, a string of digits for a number, no rows, a split with an {@code index}) is left to
 * MLflow's own code: {@link #read} answers empty, never a refusal. {@code ScoringInputsIT} checks that MLflow reads
 * every request this accepts into the same rows.
 */
final class PlainRequestReader {

    private static final Set<String> FORMATS = Set.of("dataframe_records", "dataframe_split");
    private static final String CLIENT_REQUEST_ID = "client_request_id";

    private PlainRequestReader() {
    }

    /**
     * The rows MLflow would hand the model, if this request is one this reads.
     *
     * @param request the request body, parsed
     * @param schema the model's input schema
     */
    static Optional<ModelInput> read(JsonNode request, InputSchema schema) {
        if (!request.isObject() || !schema.named()) {
            return Optional.empty();
        }
        String format = null;
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (FORMATS.contains(name) && format == null) {
                format = name;
            } else if (!CLIENT_REQUEST_ID.equals(name)) {
                return Optional.empty();
            }
        }
        if (format == null) {
            return Optional.empty();
        }
        Optional<List<Map<String, JsonNode>>> rows = "dataframe_records".equals(format)
                ? records(request.get(format))
                : split(request.get(format));
        return rows.flatMap(present -> enforce(present, schema));
    }

    private static Optional<List<Map<String, JsonNode>>> records(JsonNode records) {
        if (!records.isArray() || records.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                return Optional.empty();
            }
            Map<String, JsonNode> row = new HashMap<>();
            record.fields().forEachRemaining(field -> row.put(field.getKey(), field.getValue()));
            rows.add(row);
        }
        return Optional.of(rows);
    }

    private static Optional<List<Map<String, JsonNode>>> split(JsonNode split) {
        if (!split.isObject() || split.size() != 2 || !split.path("columns").isArray()
                || !split.path("data").isArray() || split.get("data").isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode column : split.get("columns")) {
            if (!column.isTextual()) {
                return Optional.empty();
            }
            columns.add(column.asText());
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            return Optional.empty();
        }
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode values : split.get("data")) {
            if (!values.isArray() || values.size() != columns.size()) {
                return Optional.empty();
            }
            Map<String, JsonNode> row = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values.get(i));
            }
            rows.add(row);
        }
        return Optional.of(rows);
    }

    private static Optional<ModelInput> enforce(List<Map<String, JsonNode>> rows, InputSchema schema) {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (InputColumn column : schema.columns()) {
            Optional<ColumnType> type = ColumnType.ofMlflow(column.type());
            long having = rows.stream().filter(row -> row.containsKey(column.name())).count();
            if (type.isEmpty() || having != 0 && having != rows.size() || having == 0 && column.required()) {
                return Optional.empty();
            }
            if (having != 0) {
                names.add(column.name());
                types.add(type.get());
            }
        }
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, JsonNode> row : rows) {
            List<Object> converted = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Optional<Object> value = value(row.get(names.get(i)), types.get(i));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                converted.add(value.get());
            }
            values.add(converted);
        }
        return Optional.of(new ModelInput(names, types, values));
    }

    private static Optional<Object> value(JsonNode node, ColumnType type) {
        return switch (type) {
            case DOUBLE -> number(node).map(value -> (Object) value);
            case FLOAT -> number(node).map(value -> (Object) (float) (double) value);
            case LONG -> node.isIntegralNumber() && node.canConvertToLong()
                    ? Optional.of(node.longValue()) : Optional.empty();
            case INTEGER -> node.isIntegralNumber() && node.canConvertToInt()
                    ? Optional.of(node.intValue()) : Optional.empty();
            case BOOLEAN -> node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
            case STRING -> node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
        };
    }

    private static Optional<Double> number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Optional.of((double) node.longValue()) : Optional.empty();
        }
        if (node.isDouble() && Double.isFinite(node.doubleValue())) {
            return Optional.of(node.doubleValue());
        }
        return Optional.empty();
    }
}
