package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A config an endpoint serves or is moving to, with its version, each served entity's deployment state and, once
 * loaded, its model; the router that shares its requests and each entity's limit on requests at once.
 *
 * @param config the config
 * @param version its {@code config_version}, 1 for the endpoint's first
 * @param startTime when it was asked for, in epoch milliseconds
 * @param deployments each served entity's state, by name
 * @param models each loaded served entity's model slot, by name
 * @param router which entity answers each request
 * @param slots each served entity's requests at once, at most its workload size's concurrency
 */
public record VersionedConfig(EndpointConfig config, int version, long startTime, Map<String, Deployment> deployments,
        Map<String, ModelSlot> models, TrafficRouter router, Map<String, Semaphore> slots) {

    public VersionedConfig {
        deployments = Map.copyOf(deployments);
        models = Map.copyOf(models);
        slots = Map.copyOf(slots);
    }

    /**
     * A new config whose entities are all being loaded.
     *
     * @param endpoint the endpoint's name, which with the version seeds the router
     */
    static VersionedConfig starting(String endpoint, EndpointConfig config, int version, long startTime) {
        Map<String, Deployment> creating = new LinkedHashMap<>();
        Map<String, Semaphore> slots = new LinkedHashMap<>();
        for (ServedEntity entity : config.servedEntities()) {
            creating.put(entity.name(), Deployment.creating());
            slots.put(entity.name(), new Semaphore(entity.workloadSize().maxConcurrency()));
        }
        return new VersionedConfig(config, version, startTime, creating, Map.of(),
                new TrafficRouter(config.routes(), Objects.hash(endpoint, version)), slots);
    }

    /** The same config with one entity's state changed and, when it loaded, its model slot. */
    VersionedConfig with(String entity, Deployment deployment, ModelSlot model) {
        Map<String, Deployment> changed = new LinkedHashMap<>(deployments);
        changed.put(entity, deployment);
        Map<String, ModelSlot> loaded = new LinkedHashMap<>(models);
        if (model != null) {
            loaded.put(entity, model);
        }
        return new VersionedConfig(config, version, startTime, changed, loaded, router, slots);
    }

    /** Whether every entity is loaded. */
    boolean ready() {
        return deployments.values().stream().allMatch(deployment -> deployment.state().equals("DEPLOYMENT_READY"));
    }

    /** Whether an entity failed to load. */
    boolean failed() {
        return deployments.values().stream().anyMatch(deployment -> deployment.state().equals("DEPLOYMENT_FAILED"));
    }

    private static String scaledToZero(Duration idle) {
        String after = idle.toMillis() < 1000 ? idle.toMillis() + " ms" : idle.toSeconds() + " s";
        return "Scaled to zero after " + after + " without requests: the next request loads the model again (a cold "
                + "start).";
    }

    /**
     * The config as the API returns it: entities with their state (scaled to zero while a slot is), routes,
     * {@code config_version}.
     */
    ObjectNode toJson(boolean pending) {
        ObjectNode json = config.toJson(true);
        ArrayNode entities = (ArrayNode) json.get("served_entities");
        for (int i = 0; i < entities.size(); i++) {
            ObjectNode entity = (ObjectNode) entities.get(i);
            String name = entity.get("name").asText();
            Deployment deployment = deployments.get(name);
            ObjectNode state = entity.putObject("state");
            state.put("deployment", deployment.state());
            Optional<Duration> scaled = Optional.ofNullable(models.get(name)).flatMap(ModelSlot::scaledToZero);
            state.put("deployment_state_message", scaled.map(VersionedConfig::scaledToZero)
                    .orElse(deployment.message()));
        }
        json.put("config_version", version);
        if (pending) {
            json.put("start_time", startTime);
        }
        return json;
    }
}
