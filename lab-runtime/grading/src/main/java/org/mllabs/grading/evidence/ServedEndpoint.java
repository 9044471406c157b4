package org.mllabs.grading.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.runtime.serving.ServingApiException;
import org.mllabs.runtime.serving.ServingClient;

/**
 * A serving endpoint as a grader reads it from outside the lab: its config over HTTP, its config history (the
 * service's own record of every config asked for and whether it was served), and its inference table, read with the
 * Delta Kernel from the folder the service names ({@code tables_folder} of its service info, then the endpoint's
 * {@code auto_capture_config.state.payload_table} three-part name). None of it is the learner's to write: the
 * service writes all three.
 *
 * @param name the endpoint's name
 * @param endpoint the endpoint as {@code GET /api/2.0/serving-endpoints/{name}} answers it; empty when there is none
 * @param history the config history, oldest first ({@code config_version}, {@code outcome}, {@code config})
 * @param tableName the inference table's three-part name, if the endpoint has one
 * @param table the inference table's rows (Databricks' columns; {@code request_metadata} a map)
 */
public record ServedEndpoint(String name, Optional<JsonNode> endpoint, List<JsonNode> history,
                             Optional<String> tableName, List<Map<String, Object>> table) {

    /** How long a grade waits for the inference table's pending rows: two of the service's one-second batches. */
    public static final Duration TABLE_BATCH_WAIT = Duration.ofMillis(2500);

    public ServedEndpoint {
        history = List.copyOf(history);
        table = List.copyOf(table);
    }

    /**
     * Reads the endpoint.
     *
     * @throws ServingApiException status 0 when the grade has no serving service or it cannot be reached: an
     *     environment failure, never the learner's
     */
    public static ServedEndpoint read(GradingContext context, String name) {
        URI uri = context.serving().orElseThrow(() -> new ServingApiException(0, "SERVICE_UNREACHABLE",
                "this grade was given no model serving service; start it with: lab serve up"));
        ServingClient client = new ServingClient(uri);
        Optional<JsonNode> endpoint = client.find(name);
        if (endpoint.isEmpty()) {
            return new ServedEndpoint(name, Optional.empty(), List.of(), Optional.empty(), List.of());
        }
        List<JsonNode> history = new ArrayList<>();
        client.configHistory(name).path("config_history").forEach(history::add);
        Optional<String> tableName = payloadTable(endpoint.get());
        if (tableName.isEmpty()) {
            for (JsonNode change : history) {
                String catalog = change.path("config").path("auto_capture_config").path("catalog_name").asText("");
                if (!catalog.isEmpty()) {
                    JsonNode capture = change.path("config").path("auto_capture_config");
                    tableName = Optional.of(catalog + "." + capture.path("schema_name").asText() + "."
                            + capture.path("table_name_prefix").asText(name.replace('-', '_')) + "_payload");
                }
            }
        }
        List<Map<String, Object>> rows = List.of();
        if (tableName.isPresent()) {
            awaitBatches();
            Path folder = Path.of(client.serviceInfo().path("tables_folder").asText()).resolve(tableName.get());
            DeltaTableReader reader = DeltaTableReader.open(folder);
            if (reader.exists()) {
                rows = reader.latest().rows();
            }
        }
        return new ServedEndpoint(name, endpoint, history, tableName, rows);
    }

    /**
     * Waits for the service's next batches: it appends the rows of answered requests to the inference tables every
     * second ({@link #TABLE_BATCH_WAIT} covers two), so that a grade right after the lab sees its last requests.
     */
    private static void awaitBatches() {
        try {
            Thread.sleep(TABLE_BATCH_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The three-part name of the endpoint's inference table, from its config or the config it moves to. */
    private static Optional<String> payloadTable(JsonNode endpoint) {
        for (String config : List.of("config", "pending_config")) {
            JsonNode capture = endpoint.path(config).path("auto_capture_config");
            if (capture.has("catalog_name")) {
                String name = capture.path("state").path("payload_table").path("name").asText("");
                String prefix = name.isEmpty() ? capture.path("table_name_prefix").asText() + "_payload" : name;
                return Optional.of(capture.path("catalog_name").asText() + "." + capture.path("schema_name").asText()
                        + "." + prefix);
            }
        }
        return Optional.empty();
    }

    /** The configs the service served, in order ({@code outcome} {@code SERVED}). */
    public List<JsonNode> servedConfigs() {
        return history.stream().filter(change -> "SERVED".equals(change.path("outcome").asText())).toList();
    }

    /** The config being served now, if any. */
    public Optional<JsonNode> currentConfig() {
        return endpoint.map(json -> json.path("config")).filter(config -> !config.isMissingNode() && !config.isNull());
    }

    /** The rows of the inference table whose {@code request_metadata} marks them as shadow answers, or not. */
    public List<Map<String, Object>> rows(boolean shadow) {
        return table.stream().filter(row -> shadow == "true".equals(metadata(row).get("shadow"))).toList();
    }

    /** A row's {@code request_metadata}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> metadata(Map<String, Object> row) {
        Object metadata = row.get("request_metadata");
        return metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
