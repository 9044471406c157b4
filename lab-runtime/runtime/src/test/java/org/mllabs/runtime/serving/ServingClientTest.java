package org.mllabs.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a stand-in of the service that records what it is sent and answers as the service does. */
class ServingClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private int polls;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                requests.add(exchange.getRequestMethod() + " " + path);
                byte[] body = exchange.getRequestBody().readAllBytes();
                bodies.add(body.length == 0 ? null : JSON.readTree(body));
                String answer;
                int status = 200;
                if (path.endsWith("/missing")) {
                    status = 404;
                    answer = "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"No endpoint 'missing'.\"}";
                } else if (path.endsWith("/invocations")) {
                    answer = "{\"predictions\": [1.0, 0.0]}";
                } else if (path.endsWith("/slow") && polls++ < 2) {
                    answer = "{\"state\": {\"ready\": \"READY\", \"config_update\": \"IN_PROGRESS\"}}";
                } else {
                    answer = "{\"name\": \"x\", \"state\": {\"ready\": \"READY\", "
                            + "\"config_update\": \"NOT_UPDATING\"}}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ServingClient client() {
        return new ServingClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @Test
    void createSendsTheNameAndTheConfigInDatabricksShape() {
        client().create("churn", ServingClient.config().servedEntity("champion", "mllabs.ada.churn", "1")
                .servedEntity("challenger", "mllabs.ada.churn", "2").route("champion", 100).shadow("challenger")
                .inferenceTable("mllabs", "ada", "churn"));

        assertThat(requests).containsExactly("POST /api/2.0/serving-endpoints");
        JsonNode config = bodies.get(0).path("config");
        assertThat(bodies.get(0).path("name").asText()).isEqualTo("churn");
        assertThat(config.path("served_entities").get(1).path("entity_version").asText()).isEqualTo("2");
        assertThat(config.path("traffic_config").path("routes").get(1).path("shadow").asBoolean()).isTrue();
        assertThat(config.path("auto_capture_config").path("table_name_prefix").asText()).isEqualTo("churn");
    }

    @Test
    void aRefusalCarriesTheServicesErrorCodeAndMessageAndFindTakesA404ForNothing() {
        assertThatThrownBy(() -> client().get("missing")).isInstanceOfSatisfying(ServingApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(e.getMessage()).contains("No endpoint 'missing'.");
            assertThat(e.unreachable()).isFalse();
        });
        assertThat(client().find("missing")).isEmpty();
    }

    @Test
    void invokeReturnsThePredictionsAndAwaitReadyPollsUntilNoUpdateIsInProgress() {
        List<JsonNode> predictions = client().invoke("churn", ServingClient.dataframeRecords(List.of(
                Map.of("a", 1), Map.of("a", 2))));
        client().awaitReady("slow", Duration.ofSeconds(10));

        assertThat(predictions).extracting(JsonNode::asDouble).containsExactly(1.0, 0.0);
        assertThat(bodies.get(0).path("dataframe_records")).hasSize(2);
        assertThat(requests).filteredOn(request -> request.endsWith("/slow")).hasSize(3);
    }

    @Test
    void aServiceThatIsNotThereIsUnreachable() {
        server.stop(0);

        assertThatThrownBy(() -> client().get("churn")).isInstanceOfSatisfying(ServingApiException.class,
                e -> assertThat(e.unreachable()).isTrue());
    }

    @Test
    void aDataframeSplitHasTheColumnsAndTheRowsInOrder() {
        JsonNode body = ServingClient.dataframeSplit(List.of("a", "b"), List.of(List.of(1, "x"), List.of(2, "y")));

        assertThat(body.toString()).isEqualTo("{\"dataframe_split\":{\"columns\":[\"a\",\"b\"],"
                + "\"data\":[[1,\"x\"],[2,\"y\"]]}}");
    }
}
