package org.mllabs.runtime.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.mllabs.runtime.LocalFiles;

/**
 * What {@code server.json} in the state directory says about the server an earlier command started, so that the
 * next command connects to it in milliseconds instead of starting another.
 *
 * @param provider container or local process
 * @param trackingUri where it answers
 * @param containerId the container, for a container server
 * @param pid the process, for a local process server
 * @param image the image, for a container server
 * @param startedAt when it was started (ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record ServerRecord(MlflowServer.Provider provider, String trackingUri, String containerId, Long pid, String image,
                    String startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How far a process's start time, as the system reports it, may be off. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    static Optional<ServerRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ServerRecord.class));
        } catch (IOException e) {
            // A record we cannot read describes no server we can reach: start afresh, the data is elsewhere.
            return Optional.empty();
        }
    }

    void write(Path file) {
        try {
            LocalFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the MLflow server in " + file, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    /**
     * The recorded {@code mlflow server} process, if it still runs. A process with that id that started after the
     * record was written is another program that got the id after the server ended.
     */
    Optional<ProcessHandle> process() {
        if (pid == null) {
            return Optional.empty();
        }
        Optional<Instant> recordedAt = parseInstant(startedAt);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> recordedAt.isEmpty()
                || handle.info().startInstant().map(start -> !start.isAfter(recordedAt.get().plus(CLOCK_SLACK)))
                        .orElse(true));
    }

    MlflowServer toServer() {
        String detail = switch (provider) {
            case CONTAINER -> "container " + shortId(containerId) + " (" + image + ")";
            case LOCAL_PROCESS -> "mlflow server process " + pid;
            case TRACKING_URI -> "MLFLOW_TRACKING_URI";
        };
        return new MlflowServer(URI.create(trackingUri), provider, detail);
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }
}
