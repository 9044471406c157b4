package org.mllabs.serving.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** Loads each version when the test says so, with what the test gives. */
    private static final class Loader implements EntityLoader {

        final Map<String, Boolean> missing = new ConcurrentHashMap<>();
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
        public String load(ServedEntity entity) throws InterruptedException, ExecutionException {
            return outcome(entity.entityVersion()).get().get();
        }
    }
}
