package org.mllabs.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.Scorer;
import org.mllabs.serving.endpoint.ServingError;
import org.mllabs.serving.scoring.InputCheckUnavailable;
import org.mllabs.serving.scoring.ScoringInput;
import org.mllabs.serving.scoring.ScoringInputs;

/**
 * Scoring, as Databricks serves it: {@code POST /serving-endpoints/{name}/invocations} (the traffic routes pick the
 * served entity) and {@code POST /serving-endpoints/{name}/served-models/{entity}/invocations} (the entity named,
 * bypassing the routes). The body is read as MLflow's scoring server reads it ({@link ScoringInputs}); an accepted
 * request is answered {@code {"predictions": [...]}} with a {@code served-model-name} header naming the entity that
 * answered, a refused one with MLflow's own status and body. A served entity already serving as many requests as its
 * workload size allows answers {@code 429}; a model that fails on the rows answers as MLflow's server does.
 */
final class InvocationsApi implements HttpHandler {

    static final String PREFIX = "/serving-endpoints/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(InvocationsApi.class.getName());
    private static final String MODEL_FAILED = "Encountered an unexpected error while evaluating the model. Verify "
            + "that the serialized input Dataframe is compatible with the model for inference.";

    private final Endpoints endpoints;
    private final ScoringInputs inputs;

    InvocationsApi(Endpoints endpoints, ScoringInputs inputs) {
        this.endpoints = endpoints;
        this.inputs = inputs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (ServingError e) {
                ServingApi.send(exchange, e.status(), e.toJson());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Scoring request failed", e);
                ServingApi.send(exchange, 500, ServingError.internal(e).toJson());
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        Optional<String> entity;
        if (parts.length == 2 && parts[1].equals("invocations")) {
            entity = Optional.empty();
        } else if (parts.length == 4 && parts[1].equals("served-models") && parts[3].equals("invocations")) {
            entity = Optional.of(URLDecoder.decode(parts[2], StandardCharsets.UTF_8));
        } else {
            throw ServingError.noSuchApi(exchange.getRequestMethod(), path);
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw ServingError.methodNotAllowed(exchange.getRequestMethod() + " is not allowed on " + path + ".");
        }
        Scorer scorer = endpoints.scorer(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), entity);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!scorer.slots().tryAcquire()) {
            throw ServingError.tooManyRequests("Served entity '" + scorer.entity().name() + "' is already answering "
                    + scorer.entity().workloadSize().maxConcurrency() + " requests, the most its workload size "
                    + scorer.entity().workloadSize().apiName() + " serves at once. Retry the request later.");
        }
        try {
            score(exchange, scorer, body);
        } finally {
            scorer.slots().release();
        }
    }

    private void score(HttpExchange exchange, Scorer scorer, byte[] body) throws IOException {
        ScoringInput read;
        try {
            read = inputs.read(scorer.model().schema(), body, exchange.getRequestHeaders().getFirst("Content-Type"));
        } catch (InputCheckUnavailable e) {
            throw ServingError.unavailable(e.getMessage());
        }
        exchange.getResponseHeaders().set("served-model-name", scorer.entity().name());
        if (read instanceof ScoringInput.Refused refused) {
            byte[] bytes = refused.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", refused.contentType());
            exchange.sendResponseHeaders(refused.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            return;
        }
        List<Object> predictions;
        try {
            predictions = scorer.model().predict(((ScoringInput.Accepted) read).input());
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "The model of " + scorer.entity().name() + " failed on a request", e);
            throw ServingError.badRequest(MODEL_FAILED);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("predictions");
        predictions.forEach(prediction -> list.addPOJO(prediction));
        ServingApi.send(exchange, 200, answer);
    }
}
