package org.mllabs.serving.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's input schema: the {@code inputs} of its {@code MLmodel} file's signature, a JSON list of column specs
 * such as {@code [{"type": "double", "name": "age", "required": true}]}, kept as written (MLflow's own check reads it
 * again) and as columns.
 *
 * @param json the signature's {@code inputs}, as written
 * @param columns its column specs in order
 */
public record InputSchema(String json, List<InputColumn> columns) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public InputSchema {
        columns = List.copyOf(columns);
    }

    /**
     * Reads a signature's {@code inputs}.
     *
     * @throws IllegalArgumentException when it is not a JSON list of column specs
     */
    public static InputSchema parse(String inputs) {
        JsonNode specs;
        try {
            specs = JSON.readTree(inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A signature's inputs are not JSON: " + e.getOriginalMessage(), e);
        }
        if (specs == null || !specs.isArray()) {
            throw new IllegalArgumentException("A signature's inputs must be a JSON list of column specs: " + inputs);
        }
        List<InputColumn> columns = new ArrayList<>();
        for (JsonNode spec : specs) {
            if (!spec.isObject() || !spec.path("type").isTextual()) {
                throw new IllegalArgumentException("A column spec needs a type: " + spec);
            }
            columns.add(new InputColumn(spec.hasNonNull("name") ? spec.get("name").asText() : null,
                    spec.get("type").asText(), spec.path("required").asBoolean(true)));
        }
        return new InputSchema(inputs, columns);
    }

    /** Whether every column has a name (a schema without names is checked by position). */
    public boolean named() {
        return !columns.isEmpty() && columns.stream().allMatch(column -> column.name() != null);
    }
}
