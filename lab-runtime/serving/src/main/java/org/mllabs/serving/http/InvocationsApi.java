package org.mllabs.serving.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.ModelSlot;
import org.mllabs.serving.endpoint.Scorer;
import org.mllabs.serving.endpoint.ServingError;
import org.mllabs.serving.inference.InferenceRecord;
import org.mllabs.serving.inference.InferenceTables;
import org.mllabs.serving.scoring.InputCheckUnavailable;
import org.mllabs.serving.scoring.ModelInput;
import org.mllabs.serving.scoring.ScoringInput;
import org.mllabs.serving.scoring.ScoringInputs;

/**
 * Scoring, as Databricks serves it: {@code POST /serving-endpoints/{name}/invocations} (the traffic routes pick the
 * served entity) and {@code POST /serving-endpoints/{name}/served-models/{entity}/invocations} (the entity named,
 * bypassing the routes). The body is read as MLflow's scoring server reads it ({@link ScoringInputs}); an accepted
 * request is answered {@code {"predictions": [...]}} with a {@code served-model-name} header naming the entity that
 * answered, a refused one with MLflow's own status and body. A served entity already serving as many requests as its
 * workload size allows answers {@code 429}; a model that fails on the rows answers as MLflow's server does. Every
 * request a served entity answered goes to the endpoint's inference table, if it has one ({@link InferenceTables}).
 * A routed request is then scored again, in the background, by each shadow entity, whose answer goes to the inference
 * table only ({@code request_metadata.shadow} {@code "true"}, the same {@code databricks_request_id}); without an
 * inference table there is nowhere to record it, so shadows score nothing. A copy that finds its shadow busy, or more
 * than 1,000 copies waiting, is not scored. A request to an entity scaled to zero waits while its model loads again:
 * its answer carries {@value #COLD_START_HEADER} and its inference table row {@code cold_start_ms}. A request with
 * {@value #SCORING_HEADER}{@code : }{@value #TRANSFORM_ONLY} is scored by Spark's {@code transform} even when the
 * pipeline has a per-row path (this service's own, for benchmarks).
 */
final class InvocationsApi implements HttpHandler {

    static final String PREFIX = "/serving-endpoints/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(InvocationsApi.class.getName());
    private static final String MODEL_FAILED = "Encountered an unexpected error while evaluating the model. Verify "
            + "that the serialized input Dataframe is compatible with the model for inference.";

    private static final String JSON_TYPE = "application/json";
    /** The response header that says a request waited for its model to load again, and how long (ms). */
    static final String COLD_START_HEADER = "x-mllabs-cold-start-ms";
    /**
     * The request header whose value {@value #TRANSFORM_ONLY} asks for the model's reference way of scoring, without
     * its faster path (a Spark pipeline: Spark's {@code transform}, not its per-row path), to measure one against the
     * other.
     */
    static final String SCORING_HEADER = "x-mllabs-scoring";
    static final String TRANSFORM_ONLY = "transform";

    private final Endpoints endpoints;
    private final ScoringInputs inputs;
    private final InferenceTables tables;
    private final ExecutorService shadows = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), task -> {
                Thread thread = new Thread(task, "serving-shadow");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    InvocationsApi(Endpoints endpoints, ScoringInputs inputs, InferenceTables tables) {
        this.endpoints = endpoints;
        this.inputs = inputs;
        this.tables = tables;
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
        long arrived = System.currentTimeMillis();
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
        byte[] body = RequestBodies.read(exchange.getRequestBody());
        if (!scorer.slots().tryAcquire()) {
            throw ServingError.tooManyRequests("Served entity '" + scorer.entity().name() + "' is already answering "
                    + scorer.entity().workloadSize().maxConcurrency() + " requests, the most its workload size "
                    + scorer.entity().workloadSize().apiName() + " serves at once. Retry the request later.");
        }
        Answer answer;
        try {
            answer = score(scorer, body, exchange.getRequestHeaders().getFirst("Content-Type"),
                    TRANSFORM_ONLY.equals(exchange.getRequestHeaders().getFirst(SCORING_HEADER)));
        } finally {
            scorer.slots().release();
        }
        // Recorded before the answer is sent, so that a client that has its answer finds its row waiting for the next
        // batch: answered at once (TCP_NODELAY), it may otherwise flush the table before this thread records it.
        String requestId = UUID.randomUUID().toString();
        record(scorer, requestId, arrived, body, answer, false);
        exchange.getResponseHeaders().set("served-model-name", scorer.entity().name());
        if (answer.coldStartMs() > 0) {
            exchange.getResponseHeaders().set(COLD_START_HEADER, Long.toString(answer.coldStartMs()));
        }
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (scorer.inferenceTable().isPresent()) {
            for (Scorer shadow : scorer.shadows()) {
                shadows.execute(() -> shade(shadow, requestId, arrived, body, contentType));
            }
        }
    }

    /** Scores a copy of a request with a shadow entity and records its answer, which nobody receives. */
    private void shade(Scorer shadow, String requestId, long arrived, byte[] body, String contentType) {
        if (!shadow.slots().tryAcquire()) {
            LOG.info("Shadow entity " + shadow.entity().name() + " is busy; a copy of request " + requestId
                    + " is not scored");
            return;
        }
        try {
            record(shadow, requestId, arrived, body, score(shadow, body, contentType, false), true);
        } catch (ServingError | IOException e) {
            LOG.log(Level.INFO, "Shadow entity " + shadow.entity().name() + " could not score a copy of request "
                    + requestId, e);
        } finally {
            shadow.slots().release();
        }
    }

    private void record(Scorer scorer, String requestId, long arrived, byte[] body, Answer answer, boolean shadow) {
        scorer.inferenceTable().ifPresent(table -> {
            Map<String, String> metadata = new LinkedHashMap<>(Map.of("endpoint_name", scorer.endpoint(),
                    "model_name", scorer.entity().entityName(), "model_version", scorer.entity().entityVersion(),
                    "served_entity_name", scorer.entity().name()));
            if (shadow) {
                metadata.put("shadow", "true");
            }
            if (answer.coldStartMs() > 0) {
                metadata.put("cold_start_ms", Long.toString(answer.coldStartMs()));
            }
            tables.record(table.tableName(), new InferenceRecord(requestId, clientRequestId(body),
                    LocalDate.ofInstant(Instant.ofEpochMilli(arrived), ZoneOffset.UTC), arrived, answer.status(), 1.0,
                    answer.executionTimeMs(), new String(body, StandardCharsets.UTF_8),
                    new String(answer.body(), StandardCharsets.UTF_8), metadata));
        });
    }

    /** Stops scoring shadow copies; those waiting are dropped. */
    void close() {
        shadows.shutdownNow();
    }

    /** What a scored request is answered, how long the model took, and how long loading it again took first. */
    private record Answer(int status, String contentType, byte[] body, long executionTimeMs, long coldStartMs) {
    }

    private Answer score(Scorer scorer, byte[] body, String contentType, boolean transformOnly) throws IOException {
        ModelSlot.Acquired model = scorer.model().acquire();
        ScoringInput read;
        try {
            read = inputs.read(model.model().schema(), body, contentType);
        } catch (InputCheckUnavailable e) {
            throw ServingError.unavailable(e.getMessage());
        }
        if (read instanceof ScoringInput.Refused refused) {
            return new Answer(refused.status(), refused.contentType(),
                    refused.body().getBytes(StandardCharsets.UTF_8), 0, model.coldStartMs());
        }
        long started = System.nanoTime();
        List<Object> predictions;
        try {
            ModelInput input = ((ScoringInput.Accepted) read).input();
            predictions = transformOnly ? model.model().predictWithReferencePath(input) : model.model().predict(input);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "The model of " + scorer.entity().name() + " failed on a request", e);
            return new Answer(400, JSON_TYPE, JSON.writeValueAsBytes(ServingError.badRequest(MODEL_FAILED).toJson()),
                    elapsedMs(started), model.coldStartMs());
        }
        long executionTimeMs = elapsedMs(started);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("predictions");
        predictions.forEach(prediction -> list.addPOJO(prediction));
        return new Answer(200, JSON_TYPE, JSON.writeValueAsBytes(answer), executionTimeMs, model.coldStartMs());
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The body's {@code client_request_id}, if it is a JSON object with a string there. */
    private static String clientRequestId(byte[] body) {
        try {
            JsonNode id = JSON.readTree(body).path("client_request_id");
            return id.isTextual() ? id.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
