package org.mllabs.serving.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.serving.endpoint.EndpointStore;
import org.mllabs.serving.endpoint.Endpoints;
import org.mllabs.serving.endpoint.RegistryEntities;
import org.mllabs.serving.http.ServingServer;
import org.mllabs.serving.inference.InferenceTables;
import org.mllabs.serving.scoring.MlflowInputCheck;
import org.mllabs.serving.scoring.ScoringInputs;

/**
 * A serving service in the test's JVM, on loopback, reading the registry of the build's MLflow server, with its
 * state in a folder of the test's, and the HTTP calls the tests make to it.
 */
public final class ServingFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Endpoints endpoints;
    private final InferenceTables tables;
    private final ServingServer server;

    private ServingFixture(Endpoints endpoints, InferenceTables tables, ServingServer server) {
        this.endpoints = endpoints;
        this.tables = tables;
        this.server = server;
    }

    /**
     * Starts a service.
     *
     * @param state its folder: endpoints, downloaded models, inference tables
     * @param tableBatch how long the inference tables wait before appending a batch
     */
    public static ServingFixture start(LabMlflow mlflow, SparkSession spark, Path state, Duration tableBatch)
            throws IOException {
        Endpoints endpoints = Endpoints.open(new EndpointStore(state.resolve("endpoints")),
                new RegistryEntities(mlflow, state.resolve("models"), spark), Clock.systemUTC());
        ScoringInputs inputs = new ScoringInputs(MlflowInputCheck.with(PythonChecks.python("the serving service"),
                state.resolve("input-check.log"), Duration.ofSeconds(60)));
        InferenceTables tables = new InferenceTables(spark, state.resolve("tables"), tableBatch, 1000);
        return new ServingFixture(endpoints, tables,
                ServingServer.start(InetAddress.getLoopbackAddress(), 0, endpoints, inputs, tables, "learner"));
    }

    /** The service's address. */
    public URI uri() {
        return server.uri();
    }

    /** Its inference tables. */
    public InferenceTables tables() {
        return tables;
    }

    /** Creates an endpoint and waits (at most 2 min) until it is ready. */
    public JsonNode createAndWait(String name, String config) throws Exception {
        HttpResponse<String> created = manage("POST", "", "{\"name\": \"" + name + "\", \"config\": " + config + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode state = waitFor(name, endpoint -> endpoint.at("/state/ready").asText().equals("READY"));
        assertThat(state.at("/state/ready").asText()).as(state.toString()).isEqualTo("READY");
        return state;
    }

    /** The endpoint once the condition holds, or as it is after 2 min. */
    public JsonNode waitFor(String name, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode state;
        do {
            Thread.sleep(50);
            state = JSON.readTree(manage("GET", "/" + name, null).body());
        } while (!condition.test(state) && System.nanoTime() < deadline);
        return state;
    }

    /** A call to the management API, {@code path} after {@code /api/2.0/serving-endpoints}. */
    public HttpResponse<String> manage(String method, String path, String body) throws Exception {
        return send(method, "/api/2.0/serving-endpoints" + path, body);
    }

    /** A scoring request, {@code path} after {@code /serving-endpoints}. */
    public HttpResponse<String> invoke(String path, String body) throws Exception {
        return send("POST", "/serving-endpoints" + path, body);
    }

    /** Any request to the service, with headers given as names and values in turn. */
    public HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The predictions of an answer. */
    public static List<Double> predictionsOf(HttpResponse<String> response) throws IOException {
        List<Double> predictions = new ArrayList<>();
        JSON.readTree(response.body()).get("predictions").forEach(value -> predictions.add(value.asDouble()));
        return predictions;
    }

    @Override
    public void close() {
        server.close();
        tables.close();
        endpoints.close();
    }
}
