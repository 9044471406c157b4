package org.mllabs.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.serving.model.ServedModel;
import org.mllabs.serving.scoring.InputSchema;
import org.mllabs.serving.scoring.ModelInput;

class EndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    private final Loader loader = new Loader();
    private Endpoints endpoints;

    @AfterEach
    void close() {
        if (endpoints != null) {
            endpoints.close();
        }
    }

    @Test
    void aNewEndpointIsNotReadyUntilItsEntitiesLoad() throws Exception {
        endpoints = open();

        Endpoint created = endpoints.create(request("churn", 1), "learner");

        assertThat(created.ready()).isEqualTo("NOT_READY");
        assertThat(created.configUpdate()).isEqualTo("IN_PROGRESS");
        JsonNode json = created.toJson();
        assertThat(json.has("config")).isFalse();
        assertThat(json.at("/pending_config/config_version").asInt()).isEqualTo(1);
        assertThat(json.at("/pending_config/served_entities/0/state/deployment").asText())
                .isEqualTo("DEPLOYMENT_CREATING");

        loader.finish("1", () -> "Serving churn 1");

        Endpoint ready = await(() -> endpoints.get("churn-endpoint"), "READY");
        assertThat(ready.configUpdate()).isEqualTo("NOT_UPDATING");
        assertThat(ready.toJson().at("/config/served_entities/0/state/deployment_state_message").asText())
                .isEqualTo("Serving churn 1");
        assertThat(ready.history()).singleElement().satisfies(change -> assertThat(change.outcome())
                .isEqualTo("SERVED"));
    }

    @Test
    void theOldConfigServesWhileANewOneLoadsAndAfterItFails() throws Exception {
        endpoints = open();
        endpoints.create(request("churn", 1), "learner");
        loader.finish("1", () -> "ok");
        await(() -> endpoints.get("churn-endpoint"), "READY");

        Endpoint updating = endpoints.updateConfig("churn-endpoint", config(2));

        assertThat(updating.ready()).isEqualTo("READY");
        assertThat(updating.configUpdate()).isEqualTo("IN_PROGRESS");
        assertThat(updating.config().version()).isEqualTo(1);
        assertThat(updating.pending().version()).isEqualTo(2);
        assertThatThrownBy(() -> endpoints.updateConfig("churn-endpoint", config(3)))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(409))
                .hasMessageContaining("already being updated to config version 2");

        loader.finish("2", () -> {
            throw new IllegalStateException("no MLmodel file");
        });

        Endpoint failed = awaitUpdate(() -> endpoints.get("churn-endpoint"), "UPDATE_FAILED");
        assertThat(failed.ready()).isEqualTo("READY");
        assertThat(failed.config().version()).isEqualTo(1);
        assertThat(failed.toJson().at("/pending_config/served_entities/0/state/deployment_state_message").asText())
                .contains("no MLmodel file");
        assertThat(failed.history()).extracting(ConfigChange::outcome).containsExactly("SERVED", "UPDATE_FAILED");

        Endpoint again = endpoints.updateConfig("churn-endpoint", config(3));
        assertThat(again.pending().version()).isEqualTo(3);
    }

    @Test
    void anInferenceTableKeepsItsNameThroughUpdates() throws Exception {
        endpoints = open();
        String table = "\"auto_capture_config\": {\"catalog_name\": \"main\", \"schema_name\": \"%s\"}";
        endpoints.create(JSON.createObjectNode().put("name", "churn-endpoint").set("config", JSON.readTree(
                "{\"served_entities\": [" + entity(1) + "], " + table.formatted("ops") + "}")), "learner");
        loader.finish("1", () -> "ok");
        await(() -> endpoints.get("churn-endpoint"), "READY");

        assertThatThrownBy(() -> endpoints.updateConfig("churn-endpoint", JSON.readTree("{\"served_entities\": ["
                + entity(1) + "], " + table.formatted("other") + "}")))
                .hasMessageContaining("is main.ops.churn_endpoint_payload: its catalog, schema and prefix cannot "
                        + "change");
        assertThat(endpoints.updateConfig("churn-endpoint", JSON.readTree("{\"served_entities\": [" + entity(1)
                + "], " + table.formatted("ops") + "}")).pending().version()).isEqualTo(2);
    }

    @Test
    void aMissingModelVersionIsRefusedAtOnceAndNothingIsKept() {
        endpoints = open();
        loader.missing.put("7", true);

        assertThatThrownBy(() -> endpoints.create(request("churn", 7), "learner"))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(404));
        assertThat(endpoints.list()).isEmpty();
        assertThat(state.resolve("endpoints/churn-endpoint.json")).doesNotExist();
    }

    @Test
    void namesAreUniqueAndAnUnknownOneIsAnsweredWithTheKnownOnes() {
        endpoints = open();
        endpoints.create(request("churn", 1), "learner");

        assertThatThrownBy(() -> endpoints.create(request("churn", 1), "learner"))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(409));
        assertThatThrownBy(() -> endpoints.get("churn"))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(404))
                .hasMessageContaining("The endpoints are: churn-endpoint.");

        endpoints.delete("churn-endpoint");
        assertThat(endpoints.list()).isEmpty();
        assertThat(state.resolve("endpoints/churn-endpoint.json")).doesNotExist();
    }

    @Test
    void aRestartLoadsTheServedConfigAgainAndFailsAnUnfinishedUpdate() throws Exception {
        endpoints = open();
        Endpoint created = endpoints.create(request("churn", 1), "learner");
        loader.finish("1", () -> "ok");
        await(() -> endpoints.get("churn-endpoint"), "READY");
        endpoints.updateConfig("churn-endpoint", config(2));
        endpoints.close();
        assertThat(Files.readString(state.resolve("endpoints/churn-endpoint.json"))).contains("\"config_version\" : 2");

        Loader restarted = new Loader();
        endpoints = Endpoints.open(new EndpointStore(state.resolve("endpoints")), restarted, Clock.systemUTC());

        Endpoint reloading = endpoints.get("churn-endpoint");
        assertThat(reloading.id()).isEqualTo(created.id());
        assertThat(reloading.ready()).isEqualTo("NOT_READY");
        assertThat(reloading.configUpdate()).isEqualTo("UPDATE_FAILED");
        assertThat(reloading.history()).extracting(ConfigChange::outcome).containsExactly("SERVED", "UPDATE_FAILED");

        restarted.finish("1", () -> "ok again");

        Endpoint ready = await(() -> endpoints.get("churn-endpoint"), "READY");
        assertThat(ready.config().version()).isEqualTo(1);
    }

    @Test
    void requestsAreSharedByTheRoutesTheSameWayEachTimeAndANamedEntityBypassesThem() throws Exception {
        endpoints = open();
        endpoints.create(request("churn", 1), "learner");
        assertThatThrownBy(() -> endpoints.scorer("churn-endpoint", Optional.empty()))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(503));
        loader.finish("1", () -> "ok");
        loader.finish("2", () -> "ok");
        await(() -> endpoints.get("churn-endpoint"), "READY");
        endpoints.updateConfig("churn-endpoint", JSON.readTree("{\"served_entities\": [" + entity(1) + ", "
                + entity(2) + "], \"traffic_config\": {\"routes\": [{\"served_entity_name\": \"v1\", "
                + "\"traffic_percentage\": 90}, {\"served_entity_name\": \"v2\", \"traffic_percentage\": 10}]}}"));
        awaitUpdate(() -> endpoints.get("churn-endpoint"), "NOT_UPDATING");

        List<String> first = route(1000);
        List<String> again = new ArrayList<>();
        try (Endpoints restarted = Endpoints.open(new EndpointStore(state.resolve("endpoints")), loader,
                Clock.systemUTC())) {
            await(() -> restarted.get("churn-endpoint"), "READY");
            for (int i = 0; i < 1000; i++) {
                again.add(restarted.scorer("churn-endpoint", Optional.empty()).entity().name());
            }
        }

        assertThat(Collections.frequency(first, "v2")).isBetween(70, 130);
        assertThat(again).isEqualTo(first);
        assertThat(endpoints.scorer("churn-endpoint", Optional.of("v2")).model().acquire().model().predict(
                new ModelInput(List.of(), List.of(), List.of(List.of())))).containsExactly("2");
        assertThatThrownBy(() -> endpoints.scorer("churn-endpoint", Optional.of("v3")))
                .isInstanceOfSatisfying(ServingError.class, error -> assertThat(error.status()).isEqualTo(404))
                .hasMessageContaining("it serves v1, v2");
    }

    @Test
    void anIdleEntityThatScalesToZeroUnloadsAndItsNextRequestLoadsItAgain() throws Exception {
        endpoints = Endpoints.open(new EndpointStore(state.resolve("endpoints")), loader, Clock.systemUTC(),
                Duration.ofMillis(300));
        endpoints.create(JSON.createObjectNode().put("name", "churn-endpoint").set("config", JSON.readTree(
                "{\"served_entities\": [" + entity(1) + ", {\"name\": \"warm\", \"entity_name\": "
                + "\"main.labs.churn\", \"entity_version\": \"2\", \"workload_size\": \"Small\", "
                + "\"scale_to_zero_enabled\": false}], \"traffic_config\": {\"routes\": [{\"served_entity_name\": "
                + "\"v1\", \"traffic_percentage\": 100}]}}")), "learner");
        loader.finish("1", () -> "ok");
        loader.finish("2", () -> "ok");
        await(() -> endpoints.get("churn-endpoint"), "READY");
        int loadsWhenReady = loader.loads.get();

        ModelSlot scaled = endpoints.scorer("churn-endpoint", Optional.of("v1")).model();
        ModelSlot warm = endpoints.scorer("churn-endpoint", Optional.of("warm")).model();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (scaled.loaded() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(scaled.loaded()).isFalse();
        assertThat(warm.loaded()).isTrue();
        Endpoint idle = endpoints.get("churn-endpoint");
        assertThat(idle.ready()).isEqualTo("READY");
        assertThat(idle.toJson().at("/config/served_entities/0/state/deployment_state_message").asText())
                .startsWith("Scaled to zero after 300 ms without requests");
        assertThat(scaled.acquire().model().predict(new ModelInput(List.of(), List.of(), List.of(List.of()))))
                .containsExactly("1");
        assertThat(loader.loads.get()).isEqualTo(loadsWhenReady + 1);
        assertThat(scaled.loaded()).isTrue();
        assertThat(endpoints.get("churn-endpoint").toJson().at("/config/served_entities/0/state/"
                + "deployment_state_message").asText()).isEqualTo("ok");
    }

    private List<String> route(int requests) {
        List<String> entities = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            entities.add(endpoints.scorer("churn-endpoint", Optional.empty()).entity().name());
        }
        return entities;
    }

    private static String entity(int version) {
        return "{\"name\": \"v" + version + "\", \"entity_name\": \"main.labs.churn\", \"entity_version\": \""
                + version + "\", \"workload_size\": \"Small\"}";
    }

    private Endpoints open() {
        return Endpoints.open(new EndpointStore(state.resolve("endpoints")), loader, Clock.systemUTC());
    }

    private static JsonNode request(String model, int version) {
        return JSON.createObjectNode().put("name", model + "-endpoint").set("config", config(version));
    }

    private static JsonNode config(int version) {
        try {
            return JSON.readTree("{\"served_entities\": [{\"entity_name\": \"main.labs.churn\", \"entity_version\": \""
                    + version + "\", \"workload_size\": \"Small\"}]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint await(Supplier<Endpoint> endpoint, String ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!endpoint.get().ready().equals(ready) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return endpoint.get();
    }

    private static Endpoint awaitUpdate(Supplier<Endpoint> endpoint, String update) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!endpoint.get().configUpdate().equals(update) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return endpoint.get();
    }

    /** A model that answers its version for every row. */
    private record VersionModel(String version) implements ServedModel {

        @Override
        public Optional<InputSchema> schema() {
            return Optional.empty();
        }

        @Override
        public List<Object> predict(ModelInput input) {
            return input.rows().stream().map(row -> (Object) version).toList();
        }
    }

    /** Loads each version when the test says so, with what the test gives. */
    private static final class Loader implements EntityLoader {

        final Map<String, Boolean> missing = new ConcurrentHashMap<>();
        final AtomicInteger loads = new AtomicInteger();
        private final Map<String, CompletableFuture<Supplier<String>>> outcomes = new ConcurrentHashMap<>();

        void finish(String version, Supplier<String> outcome) {
            outcome(version).complete(outcome);
        }

        private CompletableFuture<Supplier<String>> outcome(String version) {
            return outcomes.computeIfAbsent(version, any -> new CompletableFuture<>());
        }

        @Override
        public void check(ServedEntity entity) {
            if (missing.containsKey(entity.entityVersion())) {
                throw ServingError.notFound("Model version " + entity.entityVersion() + " does not exist.");
            }
        }

        @Override
        public LoadedEntity load(ServedEntity entity) throws InterruptedException, ExecutionException {
            loads.incrementAndGet();
            String message = outcome(entity.entityVersion()).get().get();
            return new LoadedEntity(new VersionModel(entity.entityVersion()), message);
        }
    }
}
