package org.mllabs.runtime.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rows of a scoring request body, column name to JSON value, in any of MLflow's formats: {@code dataframe_records}
 * (a list of objects), {@code dataframe_split} ({@code columns} and {@code data}), {@code instances} (a list of
 * objects) and {@code inputs} (a list of objects, or an object of columns).
 */
public final class RequestRows {

    private RequestRows() {
    }

    /**
     * The rows of a request.
     *
     * @throws IllegalArgumentException when the body is in none of the formats
     */
    public static List<Map<String, JsonNode>> of(JsonNode body) {
        if (body.has("dataframe_records")) {
            return records(body.get("dataframe_records"));
        }
        if (body.has("instances")) {
            return records(body.get("instances"));
        }
        if (body.has("dataframe_split")) {
            JsonNode split = body.get("dataframe_split");
            List<Map<String, JsonNode>> rows = new ArrayList<>();
            for (JsonNode values : split.path("data")) {
                Map<String, JsonNode> row = new HashMap<>();
                for (int i = 0; i < split.path("columns").size(); i++) {
                    row.put(split.get("columns").get(i).asText(), values.get(i));
                }
                rows.add(row);
            }
            return rows;
        }
        if (body.has("inputs")) {
            JsonNode inputs = body.get("inputs");
            if (inputs.isArray()) {
                return records(inputs);
            }
            List<Map<String, JsonNode>> rows = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> columns = inputs.fields(); columns.hasNext(); ) {
                Map.Entry<String, JsonNode> column = columns.next();
                for (int i = 0; i < column.getValue().size(); i++) {
                    if (rows.size() <= i) {
                        rows.add(new HashMap<>());
                    }
                    rows.get(i).put(column.getKey(), column.getValue().get(i));
                }
            }
            return rows;
        }
        throw new IllegalArgumentException("A request in none of MLflow's formats");
    }

    private static List<Map<String, JsonNode>> records(JsonNode records) {
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw new IllegalArgumentException("A record that is not an object: " + record);
            }
            Map<String, JsonNode> row = new HashMap<>();
            record.fields().forEachRemaining(field -> row.put(field.getKey(), field.getValue()));
            rows.add(row);
        }
        return rows;
    }
}
