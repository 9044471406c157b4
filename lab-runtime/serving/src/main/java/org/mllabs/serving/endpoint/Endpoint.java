package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A serving endpoint at one moment: the config it serves (none until its first is ready), the config it is moving
 * to, and its history.
 *
 * @param name its name
 * @param id its id, 32 hexadecimal digits
 * @param creator who created it
 * @param creationTimestamp epoch milliseconds
 * @param lastUpdatedTimestamp epoch milliseconds
 * @param config the config it serves, or {@code null} before the first is ready
 * @param pending the config it is moving to or failed to move to, or {@code null}
 * @param updateFailed whether {@code pending} failed
 * @param history every config it was asked to serve, oldest first
 */
public record Endpoint(String name, String id, String creator, long creationTimestamp, long lastUpdatedTimestamp,
        VersionedConfig config, VersionedConfig pending, boolean updateFailed, List<ConfigChange> history) {

    public Endpoint {
        history = List.copyOf(history);
    }

    /** {@code READY} while a config is served with every entity loaded, else {@code NOT_READY}. */
    public String ready() {
        return config != null && config.ready() ? "READY" : "NOT_READY";
    }

    /** {@code IN_PROGRESS} while a config loads, {@code UPDATE_FAILED} after one failed, else {@code NOT_UPDATING}. */
    public String configUpdate() {
        if (pending == null) {
            return "NOT_UPDATING";
        }
        return updateFailed ? "UPDATE_FAILED" : "IN_PROGRESS";
    }

    /** The config it serves. */
    public Optional<VersionedConfig> served() {
        return Optional.ofNullable(config);
    }

    /** The endpoint as the API returns it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("id", id);
        json.put("creator", creator);
        json.put("creation_timestamp", creationTimestamp);
        json.put("last_updated_timestamp", lastUpdatedTimestamp);
        ObjectNode state = json.putObject("state");
        state.put("ready", ready());
        state.put("config_update", configUpdate());
        if (config != null) {
            json.set("config", config.toJson(false));
        }
        if (pending != null) {
            json.set("pending_config", pending.toJson(true));
        }
        json.put("permission_level", "CAN_MANAGE");
        json.put("route_optimized", false);
        return json;
    }
}
