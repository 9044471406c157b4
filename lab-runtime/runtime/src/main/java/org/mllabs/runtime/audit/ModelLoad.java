package org.mllabs.runtime.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One model the runtime loaded for a lab ({@code context.models().load(uri)}), as {@link LoadAudit} writes it: a JSON
 * object with the fields below.
 *
 * @param uri the model URI the lab asked for, such as {@code models:/mllabs.ada.churn@Champion}
 * @param name the registered model it named, empty for a run's model ({@code runs:/})
 * @param version the version the URI resolved to (an alias's version at the time of the load), empty for a run's
 *     model
 * @param source the artifact URI the model's files were loaded from
 * @param time when the model was loaded, by the lab JVM's clock
 */
public record ModelLoad(String uri, String name, String version, String source, Instant time) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The entry as the JSON the audit writes. */
    public String toJson() {
        return JSON.createObjectNode()
                .put("uri", uri)
                .put("name", name)
                .put("version", version)
                .put("source", source)
                .put("time", time.toString())
                .toString();
    }

    /**
     * Reads an entry the audit wrote.
     *
     * @return empty when the text is not such an entry (not JSON, a field missing, a time that is not an instant)
     */
    public static Optional<ModelLoad> fromJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            for (String field : new String[] {"uri", "name", "version", "source", "time"}) {
                if (!node.path(field).isTextual()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ModelLoad(node.path("uri").asText(), node.path("name").asText(),
                    node.path("version").asText(), node.path("source").asText(),
                    Instant.parse(node.path("time").asText())));
        } catch (JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
