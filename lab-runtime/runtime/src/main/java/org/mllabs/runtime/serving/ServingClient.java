package org.mllabs.runtime.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A client of the serving service's REST API, in Databricks' shape: endpoints created, read, given a new config,
 * waited for and deleted under {@code /api/2.0/serving-endpoints}, and scored at
 * {@code /serving-endpoints/{name}/invocations}. Every refusal is a {@link ServingApiException} with the service's
 * {@code error_code} and message; a service that cannot be reached is one with status 0.
 */
public final class ServingClient {

    /** The path of the endpoints API. */
    public static final String ENDPOINTS = "/api/2.0/serving-endpoints";

    /** The service's own description of itself (not in Databricks): where its inference tables are kept. */
    public static final String SERVICE_INFO = "/api/2.0/mllabs/serving-info";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final URI uri;
    private final HttpClient http;

    /** @param uri where the service answers, such as {@code http://127.0.0.1:41234} */
    public ServingClient(URI uri) {
        this.uri = URI.create(uri.toString().replaceAll("/+$", ""));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Where the service answers. */
    public URI uri() {
        return uri;
    }

    /** A new, empty endpoint config to fill in: served entities, traffic routes, an inference table. */
    public static EndpointConfig config() {
        return new EndpointConfig();
    }

    /**
     * Creates an endpoint; it starts {@code NOT_READY} with its config pending ({@link #awaitReady} waits for it).
     *
     * @return the endpoint as the service answers it
     */
    public JsonNode create(String name, EndpointConfig config) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.set("config", config.toJson());
        return send("POST", ENDPOINTS, body);
    }

    /** The endpoint: {@code config}, {@code pending_config}, {@code state}, ... */
    public JsonNode get(String name) {
        return send("GET", ENDPOINTS + "/" + encode(name), null);
    }

    /** The endpoint, or nothing when there is none of that name. */
    public Optional<JsonNode> find(String name) {
        try {
            return Optional.of(get(name));
        } catch (ServingApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every endpoint of the service, as {@code GET /api/2.0/serving-endpoints} lists them. */
    public List<JsonNode> list() {
        List<JsonNode> endpoints = new ArrayList<>();
        send("GET", ENDPOINTS, null).path("endpoints").forEach(endpoints::add);
        return endpoints;
    }

    /** Asks for a new config; the old one serves until the new one is ready ({@link #awaitReady}). */
    public JsonNode updateConfig(String name, EndpointConfig config) {
        return send("PUT", ENDPOINTS + "/" + encode(name) + "/config", config.toJson());
    }

    /**
     * Waits until the endpoint is {@code READY} and no config update is in progress.
     *
     * @return the endpoint then
     * @throws ServingApiException {@code UPDATE_FAILED} when its last update failed, {@code DEADLINE_EXCEEDED} when
     *     it is still updating after the timeout
     */
    public JsonNode awaitReady(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode endpoint = get(name);
            String update = endpoint.path("state").path("config_update").asText();
            String ready = endpoint.path("state").path("ready").asText();
            if ("UPDATE_FAILED".equals(update)) {
                throw new ServingApiException(200, "UPDATE_FAILED", "The last config update of " + name
                        + " failed: " + endpoint.path("pending_config").path("served_entities")
                        + " " + endpoint.path("config").path("served_entities"));
            }
            if ("READY".equals(ready) && !"IN_PROGRESS".equals(update)) {
                return endpoint;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServingApiException(200, "DEADLINE_EXCEEDED", name + " is not ready after " + timeout
                        + ": " + endpoint.path("state"));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
        }
    }

    /**
     * Scores a request: one of MLflow's bodies ({@link #dataframeSplit}, {@link #dataframeRecords},
     * {@link #instances}, {@link #inputs}), routed by the endpoint's traffic routes.
     *
     * @return the {@code predictions}, one a row
     */
    public List<JsonNode> invoke(String name, ObjectNode body) {
        JsonNode answer = send("POST", "/serving-endpoints/" + encode(name) + "/invocations", body);
        List<JsonNode> predictions = new ArrayList<>();
        answer.path("predictions").forEach(predictions::add);
        return predictions;
    }

    /**
     * Scores a request with one served entity of the endpoint, whatever the traffic routes say
     * ({@code POST /serving-endpoints/{name}/served-models/{entity}/invocations}).
     *
     * @return the {@code predictions}, one a row
     */
    public List<JsonNode> invokeEntity(String name, String entity, ObjectNode body) {
        JsonNode answer = send("POST", "/serving-endpoints/" + encode(name) + "/served-models/" + encode(entity)
                + "/invocations", body);
        List<JsonNode> predictions = new ArrayList<>();
        answer.path("predictions").forEach(predictions::add);
        return predictions;
    }

    /** Deletes the endpoint; its inference table stays. */
    public void delete(String name) {
        send("DELETE", ENDPOINTS + "/" + encode(name), null);
    }

    /**
     * The endpoint's config history (this service's own): {@code config_history}, every config version with its
     * {@code start_time}, {@code end_time}, {@code outcome} and {@code config}.
     */
    public JsonNode configHistory(String name) {
        return send("GET", ENDPOINTS + "/" + encode(name) + "/config-history", null);
    }

    /** The service's description of itself: {@code tables_folder}, where its inference tables are kept. */
    public JsonNode serviceInfo() {
        return send("GET", SERVICE_INFO, null);
    }

    /**
     * A {@code dataframe_split} body.
     *
     * @param columns the column names
     * @param rows each row's values, in the columns' order: numbers, strings, booleans
     */
    public static ObjectNode dataframeSplit(List<String> columns, List<List<Object>> rows) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode split = body.putObject("dataframe_split");
        ArrayNode names = split.putArray("columns");
        columns.forEach(names::add);
        ArrayNode data = split.putArray("data");
        for (List<Object> row : rows) {
            data.add(JSON.valueToTree(row));
        }
        return body;
    }

    /** A {@code dataframe_records} body: one object a row, column name to value. */
    public static ObjectNode dataframeRecords(List<? extends java.util.Map<String, ?>> rows) {
        ObjectNode body = JSON.createObjectNode();
        body.set("dataframe_records", JSON.valueToTree(rows));
        return body;
    }

    /** An {@code instances} body (TF Serving's row format): one object a row, column name to value. */
    public static ObjectNode instances(List<? extends java.util.Map<String, ?>> rows) {
        ObjectNode body = JSON.createObjectNode();
        body.set("instances", JSON.valueToTree(rows));
        return body;
    }

    /** An {@code inputs} body (TF Serving's columnar format): column name to the list of its values, one a row. */
    public static ObjectNode inputs(java.util.Map<String, ? extends List<?>> columns) {
        ObjectNode body = JSON.createObjectNode();
        body.set("inputs", JSON.valueToTree(columns));
        return body;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ServingApiException(0, "SERVICE_UNREACHABLE", "The serving service at " + uri
                    + " does not answer (" + e + "); start it with: lab serve up");
        } catch (IOException e) {
            throw new ServingApiException(0, "SERVICE_UNREACHABLE", method + " " + uri + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServingApiException(0, "SERVICE_UNREACHABLE", method + " " + path + " was interrupted");
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (response.statusCode() / 100 != 2) {
            String code = answer == null ? "HTTP_" + response.statusCode()
                    : answer.path("error_code").asText("HTTP_" + response.statusCode());
            String message = answer == null ? response.body() : answer.path("message").asText(response.body());
            throw new ServingApiException(response.statusCode(), code, message);
        }
        if (answer == null) {
            throw new ServingApiException(response.statusCode(), "BAD_RESPONSE", method + " " + path
                    + " answered what is not JSON: " + response.body());
        }
        return answer;
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
