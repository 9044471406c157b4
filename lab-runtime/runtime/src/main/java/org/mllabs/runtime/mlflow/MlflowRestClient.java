package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mllabs.runtime.server.MlflowServerException;

/**
 * HTTP calls to an MLflow server for what the Java client lacks: the REST API under {@code /api/2.0/mlflow/} and the
 * artifact proxy under {@code /api/2.0/mlflow-artifacts/artifacts/}.
 *
 * <p>GET sends its parameters in the query string; POST, PATCH and DELETE send a JSON body with
 * {@code Content-Type: application/json}. A refusal becomes an {@link MlflowApiException} at once (nothing is
 * retried); a server that cannot be reached becomes an {@link MlflowServerException} naming the tracking URI.
 * With {@link MlflowCredentials} every request, artifact transfers included, carries an {@code Authorization} header.
 */
public final class MlflowRestClient {

    private static final String API = "/api/2.0/mlflow/";
    private static final String API_V3 = "/api/3.0/mlflow/";
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String JSON_TYPE = "application/json";

    private final URI trackingUri;
    private final String base;
    private final HttpClient http;
    private final Optional<MlflowCredentials> credentials;
    private final ObjectMapper json = new ObjectMapper().setDefaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    /** @param trackingUri the server, such as {@code http://localhost:5000} */
    public MlflowRestClient(URI trackingUri) {
        this(trackingUri, Optional.empty());
    }

    /**
     * @param trackingUri the server, such as {@code http://localhost:5000}
     * @param credentials the user every request is sent as, for a server with authentication
     */
    public MlflowRestClient(URI trackingUri, Optional<MlflowCredentials> credentials) {
        this.trackingUri = trackingUri;
        this.credentials = credentials;
        this.base = trackingUri.toString().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The server this client talks to. */
    public URI trackingUri() {
        return trackingUri;
    }

    /** {@code GET /api/2.0/mlflow/<endpoint>?<query>}; the answer's JSON. */
    public JsonNode get(String endpoint, Map<String, String> query) {
        return parse(send("GET", URI.create(base + API + endpoint + queryString(query)),
                HttpRequest.BodyPublishers.noBody(), endpoint));
    }

    /** {@code GET /api/3.0/mlflow/<endpoint>?<query>}, where newer APIs live (users' permissions). */
    public JsonNode getV3(String endpoint, Map<String, String> query) {
        return parse(send("GET", URI.create(base + API_V3 + endpoint + queryString(query)),
                HttpRequest.BodyPublishers.noBody(), endpoint));
    }

    /** {@code POST /api/3.0/mlflow/<endpoint>} with a JSON body. */
    public JsonNode postV3(String endpoint, Object body) {
        return parse(send("POST", URI.create(base + API_V3 + endpoint), jsonBody("POST", endpoint, body), endpoint));
    }

    /** The user requests are sent as, if any. */
    public Optional<MlflowCredentials> credentials() {
        return credentials;
    }

    /**
     * {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body (a map, a record or a {@link JsonNode}); nulls are left
     * out.
     */
    public JsonNode post(String endpoint, Object body) {
        return withJsonBody("POST", endpoint, body);
    }

    /** {@code PATCH /api/2.0/mlflow/<endpoint>} with a JSON body. */
    public JsonNode patch(String endpoint, Object body) {
        return withJsonBody("PATCH", endpoint, body);
    }

    /** {@code DELETE /api/2.0/mlflow/<endpoint>} with a JSON body, which is where the server reads its parameters. */
    public JsonNode delete(String endpoint, Object body) {
        return withJsonBody("DELETE", endpoint, body);
    }

    /** Uploads bytes to the artifact proxy: {@code PUT /api/2.0/mlflow-artifacts/artifacts/<path>}. */
    public void putArtifact(String path, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(artifactUri(path))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        send(request, "PUT mlflow-artifacts/" + path);
    }

    /** Downloads one artifact through the proxy: {@code GET /api/2.0/mlflow-artifacts/artifacts/<path>}. */
    public byte[] getArtifact(String path) {
        return send(HttpRequest.newBuilder(artifactUri(path)).GET(), "GET mlflow-artifacts/" + path);
    }

    /** Lists one artifact directory through the proxy: {@code {"files": [{path, is_dir, file_size}]}}, base names. */
    public JsonNode listArtifacts(String directory) {
        URI uri = URI.create(base + ARTIFACTS + queryString(Map.of("path", directory)));
        return parse(send(HttpRequest.newBuilder(uri).GET(), "GET mlflow-artifacts?path=" + directory));
    }

    private JsonNode withJsonBody(String method, String endpoint, Object body) {
        return parse(send(method, URI.create(base + API + endpoint), jsonBody(method, endpoint, body), endpoint));
    }

    private HttpRequest.BodyPublisher jsonBody(String method, String endpoint, Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the body of " + method + " " + endpoint + " as JSON", e);
        }
    }

    private byte[] send(String method, URI uri, HttpRequest.BodyPublisher body, String endpoint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body);
        if (!method.equals("GET")) {
            request.header("Content-Type", JSON_TYPE);
        }
        return send(request, method + " " + endpoint);
    }

    private byte[] send(HttpRequest.Builder request, String what) {
        credentials.ifPresent(user -> request.header("Authorization", user.authorizationHeader()));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).header("Accept", JSON_TYPE).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new MlflowServerException("Cannot reach the MLflow server at " + trackingUri + " (" + what
                    + "): connection refused. Start the server, or point MLFLOW_TRACKING_URI at one that runs.", e);
        } catch (IOException e) {
            throw new MlflowServerException("Talking to the MLflow server at " + trackingUri + " (" + what
                    + ") failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowServerException("Interrupted during " + what + " on " + trackingUri, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(what, response);
        }
        return response.body();
    }

    private MlflowApiException refusal(String what, HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        try {
            JsonNode error = json.readTree(text);
            if (error != null && error.hasNonNull("error_code")) {
                return new MlflowApiException(what, response.statusCode(), error.get("error_code").asText(),
                        error.path("message").asText(""));
            }
        } catch (IOException notJson) {
            // an HTML or plain-text answer, reported as it is
        }
        return new MlflowApiException(what, response.statusCode(), null, text.strip());
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("The MLflow server at " + trackingUri + " answered something that is not "
                    + "JSON", e);
        }
    }

    private URI artifactUri(String path) {
        String encoded = Arrays.stream(path.split("/"))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        return URI.create(base + ARTIFACTS + "/" + encoded);
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
