package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.regex.Pattern;
import org.mllabs.runtime.mlflow.RegistryNames;

/**
 * One model version an endpoint serves, as {@code config.served_entities[]} names it.
 *
 * @param name its name in the endpoint, by default {@code <model>-<version>} ({@code <model>} the last part of the
 *     three-part name)
 * @param entityName the registered model, {@code catalog.schema.model}
 * @param entityVersion its version number, as text
 * @param workloadSize how many requests it serves at once
 * @param scaleToZeroEnabled whether it unloads when idle
 * @param workloadType {@code CPU}, or a GPU type (accepted; the model still runs on the CPU here)
 */
public record ServedEntity(String name, String entityName, String entityVersion, WorkloadSize workloadSize,
        boolean scaleToZeroEnabled, String workloadType) {

    /** The workload types Databricks accepts for custom models. */
    public static final Set<String> WORKLOAD_TYPES = Set.of("CPU", "GPU_SMALL", "GPU_MEDIUM", "GPU_LARGE",
            "MULTIGPU_MEDIUM");

    private static final Set<String> FIELDS = Set.of("name", "entity_name", "entity_version", "workload_size",
            "scale_to_zero_enabled", "workload_type");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,9}");

    /**
     * Reads a served entity of a request.
     *
     * @throws ServingError naming the field that is missing or wrong
     */
    static ServedEntity parse(JsonNode entity) {
        String what = "A served entity";
        if (!entity.isObject()) {
            throw ServingError.invalidParameter("Each of served_entities must be an object, not " + entity + ".");
        }
        ApiFields.onlyKnown(entity, what, FIELDS);
        String entityName = ApiFields.requiredText(entity, "entity_name", what);
        try {
            RegistryNames.requireCatalogName(entityName);
        } catch (IllegalArgumentException e) {
            throw ServingError.invalidParameter(e.getMessage());
        }
        JsonNode versionNode = entity.get("entity_version");
        String version = versionNode == null || versionNode.isNull() ? null
                : versionNode.isIntegralNumber() ? versionNode.asText() : versionNode.isTextual()
                        ? versionNode.textValue() : "";
        if (version == null) {
            throw ServingError.invalidParameter(what + " needs the field entity_version: the version of "
                    + entityName + " to serve (an alias does not pin a version).");
        }
        if (!VERSION.matcher(version).matches()) {
            throw ServingError.invalidParameter("entity_version must be a version number such as \"3\", not "
                    + versionNode + ".");
        }
        String[] parts = entityName.split("\\.");
        String name = ApiFields.name(ApiFields.text(entity, "name", what)
                .orElse(parts[parts.length - 1] + "-" + version), "Served entity name");
        WorkloadSize size = WorkloadSize.of(ApiFields.requiredText(entity, "workload_size", what));
        boolean scaleToZero = ApiFields.bool(entity, "scale_to_zero_enabled", what).orElse(true);
        String type = ApiFields.text(entity, "workload_type", what).orElse("CPU");
        if (!WORKLOAD_TYPES.contains(type)) {
            throw ServingError.invalidParameter("workload_type '" + type + "' is not one of "
                    + String.join(", ", WORKLOAD_TYPES.stream().sorted().toList()) + ".");
        }
        return new ServedEntity(name, entityName, version, size, scaleToZero, type);
    }

    /** Whether it asks for a GPU, which is simulated here. */
    public boolean gpu() {
        return !"CPU".equals(workloadType);
    }

    /** The fields as the API returns them. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("entity_name", entityName);
        json.put("entity_version", entityVersion);
        json.put("workload_size", workloadSize.apiName());
        json.put("scale_to_zero_enabled", scaleToZeroEnabled);
        json.put("workload_type", workloadType);
        return json;
    }
}
