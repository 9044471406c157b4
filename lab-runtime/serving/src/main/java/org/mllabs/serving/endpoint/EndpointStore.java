package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mllabs.runtime.LocalFiles;

/**
 * Endpoints kept on disk, one JSON file each ({@code <name>.json} in a folder of the state directory), so that they
 * outlive the serving process: their configs, history and ids. Each write goes to a temporary file first and then
 * replaces the old one, so a crash leaves the old file or the new one, never half of one. Deployment states are not
 * kept: a restarted process loads every config again.
 */
public final class EndpointStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    /** @param folder where the files live; created when missing */
    public EndpointStore(Path folder) {
        this.folder = folder;
    }

    /** Every endpoint kept, as it was last written. */
    public List<Endpoint> readAll() {
        List<Endpoint> endpoints = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return endpoints;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                endpoints.add(read(JSON.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The endpoints in " + folder + " cannot be read: " + e.getMessage(), e);
        }
        return endpoints;
    }

    /** Writes an endpoint, replacing what was kept of it. */
    public void write(Endpoint endpoint) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", endpoint.name());
        json.put("id", endpoint.id());
        json.put("creator", endpoint.creator());
        json.put("creation_timestamp", endpoint.creationTimestamp());
        json.put("last_updated_timestamp", endpoint.lastUpdatedTimestamp());
        if (endpoint.config() != null) {
            json.set("config", config(endpoint.config()));
        }
        if (endpoint.pending() != null) {
            json.set("pending_config", config(endpoint.pending()));
        }
        json.put("update_failed", endpoint.updateFailed());
        ArrayNode history = json.putArray("history");
        for (ConfigChange change : endpoint.history()) {
            ObjectNode entry = history.addObject();
            entry.put("config_version", change.version());
            entry.put("start_time", change.startTime());
            entry.put("end_time", change.endTime());
            entry.put("outcome", change.outcome());
            entry.set("config", change.config().toJson());
        }
        try {
            LocalFiles.replace(file(endpoint.name()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("Endpoint " + endpoint.name() + " cannot be written to " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Forgets an endpoint. */
    public void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Endpoint " + name + " cannot be deleted from " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    private Path file(String name) {
        return folder.resolve(name + ".json");
    }

    private static ObjectNode config(VersionedConfig config) {
        ObjectNode json = JSON.createObjectNode();
        json.put("config_version", config.version());
        json.put("start_time", config.startTime());
        json.set("config", config.config().toJson());
        return json;
    }

    private static Endpoint read(JsonNode json) {
        List<ConfigChange> history = new ArrayList<>();
        for (JsonNode change : json.path("history")) {
            history.add(new ConfigChange(change.get("config_version").asInt(), change.get("start_time").asLong(),
                    change.get("end_time").asLong(), change.get("outcome").asText(),
                    EndpointConfig.parse(change.get("config"), json.get("name").asText())));
        }
        return new Endpoint(json.get("name").asText(), json.get("id").asText(), json.get("creator").asText(),
                json.get("creation_timestamp").asLong(), json.get("last_updated_timestamp").asLong(),
                config(json.get("config"), json.get("name").asText()),
                config(json.get("pending_config"), json.get("name").asText()),
                json.path("update_failed").asBoolean(), history);
    }

    private static VersionedConfig config(JsonNode json, String endpoint) {
        if (json == null || json.isNull()) {
            return null;
        }
        return VersionedConfig.starting(endpoint, EndpointConfig.parse(json.get("config"), endpoint),
                json.get("config_version").asInt(), json.get("start_time").asLong());
    }
}
