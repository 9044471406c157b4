package org.mllabs.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mllabs.serving.endpoint.ConfigChange;
import org.mllabs.serving.endpoint.Endpoint;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.ServingError;

/**
 * The endpoint management half of Databricks' serving REST API, under {@code /api/2.0/serving-endpoints}: create
 * ({@code POST}), list ({@code GET}), get ({@code GET /{name}}), update the config ({@code PUT /{name}/config}),
 * delete ({@code DELETE /{name}}); and, of this service's own, the config history
 * ({@code GET /{name}/config-history}: every config version, when it was asked for and ended, and whether it was
 * served or failed). Answers are JSON; a refused request gets its status and
 * {@code {"error_code", "message"}}, a path the API does not have {@code 404 ENDPOINT_NOT_FOUND}.
 */
final class ServingApi implements HttpHandler {

    static final String PREFIX = "/api/2.0/serving-endpoints";
    /** The path, under an endpoint's, of its config history: this service's own, not Databricks'. */
    static final String HISTORY = "config-history";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ServingApi.class.getName());

    private final Endpoints endpoints;
    private final String creator;

    ServingApi(Endpoints endpoints, String creator) {
        this.endpoints = endpoints;
        this.creator = creator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                JsonNode answer = answer(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestBody());
                send(exchange, 200, answer);
            } catch (ServingError e) {
                send(exchange, e.status(), e.toJson());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Serving API request failed", e);
                send(exchange, 500, ServingError.internal(e).toJson());
            }
        }
    }

    private JsonNode answer(String method, String rawPath, InputStream body) throws IOException {
        String rest = rawPath.substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            return switch (method) {
                case "GET" -> list();
                case "POST" -> endpoints.create(read(body), creator).toJson();
                default -> throw notAllowed(method, rawPath);
            };
        }
        String[] parts = rest.substring(1).split("/", -1);
        String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        if (parts.length == 1) {
            return switch (method) {
                case "GET" -> endpoints.get(name).toJson();
                case "DELETE" -> {
                    endpoints.delete(name);
                    yield JSON.createObjectNode();
                }
                default -> throw notAllowed(method, rawPath);
            };
        }
        if (parts.length == 2 && parts[1].equals(HISTORY)) {
            if (!method.equals("GET")) {
                throw notAllowed(method, rawPath);
            }
            return history(endpoints.get(name));
        }
        if (parts.length == 2 && parts[1].equals("config")) {
            if (!method.equals("PUT")) {
                throw notAllowed(method, rawPath);
            }
            return endpoints.updateConfig(name, read(body)).toJson();
        }
        throw ServingError.noSuchApi(method, rawPath);
    }

    private static ObjectNode history(Endpoint endpoint) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", endpoint.name());
        ArrayNode changes = json.putArray("config_history");
        for (ConfigChange change : endpoint.history()) {
            ObjectNode entry = changes.addObject();
            entry.put("config_version", change.version());
            entry.put("start_time", change.startTime());
            if (change.endTime() != 0) {
                entry.put("end_time", change.endTime());
            }
            entry.put("outcome", change.outcome());
            entry.set("config", change.config().toJson());
        }
        return json;
    }

    private ObjectNode list() {
        ObjectNode json = JSON.createObjectNode();
        ArrayNode list = json.putArray("endpoints");
        for (Endpoint endpoint : endpoints.list()) {
            list.add(endpoint.toJson());
        }
        return json;
    }

    private static JsonNode read(InputStream body) throws IOException {
        byte[] bytes = RequestBodies.read(body);
        if (bytes.length == 0) {
            throw ServingError.badRequest("The request has no body: send a JSON object.");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ServingError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ServingError notAllowed(String method, String path) {
        return ServingError.methodNotAllowed(method + " is not allowed on " + path + ".");
    }

    static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
