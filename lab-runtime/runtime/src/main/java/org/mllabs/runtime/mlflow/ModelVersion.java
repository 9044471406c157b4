package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One version of a registered model as the server describes it. A version's source and run never change; its tags,
 * aliases, description and legacy stage can.
 *
 * @param name the registered model's name
 * @param version the version number, as MLflow sends it (a string)
 * @param source where the model's files are, such as {@code mlflow-artifacts:/1/<run>/artifacts/model}
 * @param runId the run that logged it, empty when none
 * @param status {@code PENDING_REGISTRATION}, {@code READY} or {@code FAILED_REGISTRATION}
 * @param currentStage the legacy stage: {@code None}, {@code Staging}, {@code Production} or {@code Archived}
 * @param description its description, empty when none
 * @param tags its tags
 * @param aliases the aliases that point at it
 */
public record ModelVersion(String name, String version, String source, String runId, String status,
                           String currentStage, String description, Map<String, String> tags, List<String> aliases) {

    /** The status of a version whose files are in place. */
    public static final String READY = "READY";

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** Reads the {@code model_version} object of an answer. */
    static ModelVersion from(JsonNode version) {
        List<String> aliases = new ArrayList<>();
        version.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new ModelVersion(version.path("name").asText(), version.path("version").asText(),
                version.path("source").asText(), version.path("run_id").asText(""), version.path("status").asText(),
                version.path("current_stage").asText(""), version.path("description").asText(""),
                Tags.read(version.path("tags")), aliases);
    }

    /** The version as a number. */
    public int number() {
        return Integer.parseInt(version);
    }
}
