package org.mllabs.graders.lab11;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One config of the endpoint as its config history records it, read as what it serves: the share of the traffic each
 * pinned version gets, the versions that shadow, and whether it has an inference table.
 *
 * @param version its {@code config_version}
 * @param servedAt when it started serving ({@code end_time} of its update), in ms
 * @param shares the percentage of the traffic routed to each version
 * @param shadows the versions that score copies as shadows
 * @param models the registered model names its entities serve
 * @param inferenceTable whether it records requests in an inference table
 */
record ServedConfig(int version, long servedAt, Map<String, Integer> shares, Set<String> shadows, Set<String> models,
                    boolean inferenceTable) {

    /** Reads a config history entry. */
    static ServedConfig of(JsonNode change) {
        JsonNode config = change.path("config");
        Map<String, String> versionOf = new TreeMap<>();
        Set<String> models = new TreeSet<>();
        for (JsonNode entity : config.path("served_entities")) {
            String version = entity.path("entity_version").asText();
            String name = entity.path("name").asText();
            versionOf.put(name, version);
            models.add(entity.path("entity_name").asText());
        }
        Map<String, Integer> shares = new TreeMap<>();
        Set<String> shadows = new TreeSet<>();
        JsonNode routes = config.path("traffic_config").path("routes");
        if (routes.isEmpty() && versionOf.size() == 1) {
            shares.put(versionOf.values().iterator().next(), 100);
        }
        for (JsonNode route : routes) {
            String entity = route.has("served_entity_name") ? route.path("served_entity_name").asText()
                    : route.path("served_model_name").asText();
            String version = versionOf.getOrDefault(entity, "?" + entity);
            if (route.path("shadow").asBoolean(false)) {
                shadows.add(version);
            } else if (route.path("traffic_percentage").asInt() > 0) {
                shares.merge(version, route.path("traffic_percentage").asInt(), Integer::sum);
            }
        }
        JsonNode capture = config.path("auto_capture_config");
        return new ServedConfig(change.path("config_version").asInt(), change.path("end_time").asLong(), shares,
                shadows, models, capture.has("catalog_name") && capture.path("enabled").asBoolean(true));
    }

    /** Whether it serves this version alone, with all the traffic, and no shadow. */
    boolean pinsAlone(String version) {
        return shares.equals(Map.of(version, 100)) && shadows.isEmpty();
    }

    /** Whether it serves as the other does: the same shares, shadows, models and inference table. */
    boolean servesAlike(ServedConfig other) {
        return shares.equals(other.shares) && shadows.equals(other.shadows) && models.equals(other.models)
                && inferenceTable == other.inferenceTable;
    }

    /** What it serves, said as the checks say it. */
    String describe() {
        StringBuilder text = new StringBuilder("config " + version + ": ");
        if (shares.isEmpty()) {
            text.append("no traffic routed");
        }
        String separator = "";
        for (Map.Entry<String, Integer> share : shares.entrySet()) {
            text.append(separator).append("version ").append(share.getKey()).append(' ').append(share.getValue())
                    .append(" %");
            separator = ", ";
        }
        for (String shadow : shadows) {
            text.append(", version ").append(shadow).append(" as a shadow");
        }
        return text.toString();
    }
}
