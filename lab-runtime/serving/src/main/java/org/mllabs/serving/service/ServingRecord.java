package org.mllabs.serving.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.mllabs.runtime.LocalFiles;

/**
 * What {@code serving/serving.json} in the state directory says about the running serving process, so that later
 * commands find it: its process id, where it answers and which MLflow server it reads.
 *
 * @param pid the process
 * @param uri where it answers, such as {@code http://127.0.0.1:41234} (Databricks clients' {@code DATABRICKS_HOST})
 * @param trackingUri the MLflow server whose registry it serves from
 * @param startedAt when it started (ISO-8601)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServingRecord(@JsonProperty("pid") long pid, @JsonProperty("uri") String uri,
        @JsonProperty("tracking_uri") String trackingUri, @JsonProperty("started_at") String startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The record in a file, if there is one that can be read. */
    static Optional<ServingRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ServingRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the record, replacing the file whole. */
    void write(Path file) {
        try {
            LocalFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the serving process in " + file, e);
        }
    }

    /** Whether its process runs and its API answers. */
    boolean answers() {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri
                    + "/api/2.0/serving-endpoints")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
