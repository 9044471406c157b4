package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered model as the server describes it.
 *
 * @param name the model's name
 * @param description its description, empty when none
 * @param tags its tags
 * @param aliases alias to version number, such as {@code Champion -> 3}
 * @param creationTimestamp when it was created, in milliseconds since the epoch
 * @param lastUpdatedTimestamp when it last changed, in milliseconds since the epoch
 */
public record RegisteredModel(String name, String description, Map<String, String> tags, Map<String, String> aliases,
                              long creationTimestamp, long lastUpdatedTimestamp) {

    public RegisteredModel {
        tags = Map.copyOf(tags);
        aliases = Map.copyOf(aliases);
    }

    /** Reads the {@code registered_model} object of an answer. */
    static RegisteredModel from(JsonNode model) {
        Map<String, String> aliases = new LinkedHashMap<>();
        model.path("aliases").forEach(a -> aliases.put(a.path("alias").asText(), a.path("version").asText()));
        return new RegisteredModel(model.path("name").asText(), model.path("description").asText(""),
                Tags.read(model.path("tags")), aliases, model.path("creation_timestamp").asLong(),
                model.path("last_updated_timestamp").asLong());
    }
}
