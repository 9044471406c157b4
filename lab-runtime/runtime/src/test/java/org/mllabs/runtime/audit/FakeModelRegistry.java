package org.mllabs.runtime.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A loopback HTTP server that answers the registry and artifact requests of a model load as MLflow does, for one
 * registered model whose versions all serve the files of one local model directory: a version {@code n} has the source
 * {@code mlflow-artifacts:/models/v<n>}. Every other request gets 404.
 */
final class FakeModelRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    private final HttpServer http;
    private final String name;
    private final Path model;
    private final int versions;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    /**
     * @param name the registered model's name
     * @param versions how many versions it has, numbered from 1
     * @param model the directory every version's source serves
     */
    FakeModelRegistry(String name, int versions, Path model) {
        this.name = name;
        this.versions = versions;
        this.model = model;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", this::handle);
        http.start();
    }

    /** Where it answers. */
    URI uri() {
        InetSocketAddress address = http.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Points an alias at a version. */
    void setAlias(String alias, int version) {
        aliases.put(alias, Integer.toString(version));
    }

    /** The source of a version, as the registry gives it. */
    static String source(int version) {
        return "mlflow-artifacts:/models/v" + version;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/api/2.0/mlflow/registered-models/alias") && name.equals(query.get("name"))
                && aliases.containsKey(query.get("alias"))) {
            answer(exchange, 200, version(aliases.get(query.get("alias"))));
        } else if (path.equals("/api/2.0/mlflow/model-versions/get") && name.equals(query.get("name"))
                && query.getOrDefault("version", "").matches("[1-9]\\d*")
                && Integer.parseInt(query.get("version")) <= versions) {
            answer(exchange, 200, version(query.get("version")));
        } else if (path.equals(ARTIFACTS) && local(query.getOrDefault("path", "")) != null) {
            answer(exchange, 200, listing(local(query.get("path"))));
        } else if (path.startsWith(ARTIFACTS + "/") && local(path.substring(ARTIFACTS.length() + 1)) != null
                && Files.isRegularFile(local(path.substring(ARTIFACTS.length() + 1)))) {
            answer(exchange, 200, Files.readAllBytes(local(path.substring(ARTIFACTS.length() + 1))));
        } else {
            answer(exchange, 404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"Not found\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] version(String version) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("model_version").put("name", name).put("version", version)
                .put("source", source(Integer.parseInt(version))).put("status", "READY");
        return JSON.writeValueAsBytes(answer);
    }

    /** The local file an artifact path {@code models/v<n>/...} names, or null when it names none. */
    private Path local(String artifactPath) {
        String[] parts = artifactPath.split("/", 3);
        if (parts.length < 2 || !parts[0].equals("models") || !parts[1].matches("v[1-9]\\d*")
                || Integer.parseInt(parts[1].substring(1)) > versions) {
            return null;
        }
        Path file = parts.length == 3 ? model.resolve(parts[2]).normalize() : model;
        return file.startsWith(model) && Files.exists(file) ? file : null;
    }

    private byte[] listing(Path directory) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode files = answer.putArray("files");
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                files.addObject().put("path", entry.getFileName().toString()).put("is_dir", Files.isDirectory(entry))
                        .put("file_size", Files.isDirectory(entry) ? 0 : Files.size(entry));
            }
        }
        return JSON.writeValueAsBytes(answer);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
