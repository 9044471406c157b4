package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A config an endpoint serves or is moving to, with its version and each served entity's deployment state.
 *
 * @param config the config
 * @param version its {@code config_version}, 1 for the endpoint's first
 * @param startTime when it was asked for, in epoch milliseconds
 * @param deployments each served entity's state, by name
 */
public record VersionedConfig(EndpointConfig config, int version, long startTime, Map<String, Deployment> deployments) {

    public VersionedConfig {
        deployments = Map.copyOf(deployments);
    }

    /** A new config whose entities are all being loaded. */
    static VersionedConfig starting(EndpointConfig config, int version, long startTime) {
        Map<String, Deployment> creating = new LinkedHashMap<>();
        config.servedEntities().forEach(entity -> creating.put(entity.name(), Deployment.creating()));
        return new VersionedConfig(config, version, startTime, creating);
    }

    /** The same config with one entity's state changed. */
    VersionedConfig with(String entity, Deployment deployment) {
        Map<String, Deployment> changed = new LinkedHashMap<>(deployments);
        changed.put(entity, deployment);
        return new VersionedConfig(config, version, startTime, changed);
    }

    /** Whether every entity is loaded. */
    boolean ready() {
        return deployments.values().stream().allMatch(deployment -> deployment.state().equals("DEPLOYMENT_READY"));
    }

    /** Whether an entity failed to load. */
    boolean failed() {
        return deployments.values().stream().anyMatch(deployment -> deployment.state().equals("DEPLOYMENT_FAILED"));
    }

    /** The config as the API returns it: entities with their state, routes, {@code config_version}. */
    ObjectNode toJson(boolean pending) {
        ObjectNode json = config.toJson();
        ArrayNode entities = (ArrayNode) json.get("served_entities");
        for (int i = 0; i < entities.size(); i++) {
            ObjectNode entity = (ObjectNode) entities.get(i);
            Deployment deployment = deployments.get(entity.get("name").asText());
            ObjectNode state = entity.putObject("state");
            state.put("deployment", deployment.state());
            state.put("deployment_state_message", deployment.message());
        }
        json.put("config_version", version);
        if (pending) {
            json.put("start_time", startTime);
        }
        return json;
    }
}
