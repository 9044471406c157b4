package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's tag lists, {@code [{"key": k, "value": v}]}, to and from ordered maps. */
final class Tags {

    private Tags() {
    }

    /** The tags of a JSON answer as a map; an absent list gives an empty map. */
    static Map<String, String> read(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.path("key").asText(), tag.path("value").asText()));
        return map;
    }

    /** A map as the list a request carries. */
    static List<Map<String, String>> write(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
    }
}
