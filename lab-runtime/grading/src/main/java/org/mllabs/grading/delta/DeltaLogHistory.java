package org.mllabs.grading.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a table's commit history from the JSON commit files of its {@code _delta_log}.
 *
 * <p>Why not the Kernel: its public API gives snapshots (schema, properties, data) but not the {@code commitInfo}
 * action, which is where a writer records the operation, its parameters (mode, predicate) and metrics. Each commit file
 * is newline-delimited JSON with one action a line; this reads the {@code commitInfo} line and notes whether a
 * {@code metaData} line is present. Checkpoints summarise state, not history, so they are not needed here; commit files
 * removed by log clean-up (after 30 days by default) are simply absent from the history.
 */
final class DeltaLogHistory {

    private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaLogHistory() {
    }

    /** The commits found in {@code <table>/_delta_log}, oldest first; empty if there is no log. */
    static List<DeltaCommit> read(Path table) {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        List<DeltaCommit> commits = new ArrayList<>();
        try (Stream<Path> files = Files.list(log)) {
            for (Path file : files.toList()) {
                Matcher name = COMMIT_FILE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    commits.add(commit(Long.parseLong(name.group(1)), file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta log " + log, e);
        }
        commits.sort(Comparator.comparingLong(DeltaCommit::version));
        return List.copyOf(commits);
    }

    private static DeltaCommit commit(long version, Path file) throws IOException {
        JsonNode info = JSON.createObjectNode();
        boolean metadata = false;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode action = JSON.readTree(line);
            if (action.has("commitInfo")) {
                info = action.get("commitInfo");
            }
            metadata |= action.has("metaData");
        }
        long millis = info.has("timestamp") ? info.get("timestamp").asLong()
                : Files.getLastModifiedTime(file).toMillis();
        return new DeltaCommit(version, Instant.ofEpochMilli(millis), info.path("operation").asText(""),
                texts(info.path("operationParameters")), texts(info.path("operationMetrics")), metadata);
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(field -> values.put(field.getKey(),
                field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
        return values;
    }
}
