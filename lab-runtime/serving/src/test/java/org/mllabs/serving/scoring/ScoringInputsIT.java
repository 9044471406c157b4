package org.mllabs.serving.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.testing.PythonChecks;

/**
 * Every request read both ways: by {@link ScoringInputs} (Java for the plain ones) and by MLflow's own code alone.
 * The answers must be the same, rows and refusals alike.
 */
@Tag("integration")
class ScoringInputsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final InputSchema SCHEMA = InputSchema.parse("[{\"type\": \"double\", \"name\": \"age\", "
            + "\"required\": true}, {\"type\": \"float\", \"name\": \"score\", \"required\": true}, "
            + "{\"type\": \"long\", \"name\": \"visits\", \"required\": true}, {\"type\": \"integer\", "
            + "\"name\": \"days\", \"required\": true}, {\"type\": \"string\", \"name\": \"plan\", "
            + "\"required\": true}, "
            + "{\"type\": \"boolean\", \"name\": \"active\", \"required\": true}, {\"type\": \"double\", "
            + "\"name\": \"discount\", \"required\": false}]");
    private static final String JSON_TYPE = "application/json";

    private static MlflowInputCheck mlflow;
    private static ScoringInputs inputs;

    @BeforeAll
    static void start(@TempDir Path logs) throws Exception {
        Path python = PythonChecks.python("MLflow's reading of scoring requests");
        mlflow = MlflowInputCheck.with(python, logs.resolve("check.log"), Duration.ofSeconds(60));
        inputs = new ScoringInputs(mlflow);
    }

    @AfterAll
    static void stop() {
        if (inputs != null) {
            inputs.close();
        }
    }

    @Test
    void aPlainRequestIsReadInJavaIntoTheRowsMlflowReadsItInto() throws Exception {
        String body = "{\"dataframe_records\": [{\"age\": 31, \"score\": 0.1, \"visits\": 3, \"days\": 12, "
                + "\"plan\": \"basic\", \"active\": true, \"extra\": [1, 2]}], \"client_request_id\": \"r-1\"}";

        ScoringInput ours = inputs.read(Optional.of(SCHEMA), bytes(body), JSON_TYPE);

        assertThat(ours).isInstanceOfSatisfying(ScoringInput.Accepted.class, accepted -> {
            assertThat(accepted.readByMlflow()).isFalse();
            assertThat(accepted.input().columns()).containsExactly("age", "score", "visits", "days", "plan",
                    "active");
            assertThat(accepted.input().rows()).containsExactly(List.of(31.0, 0.1f, 3L, 12, "basic", true));
        });
        assertSameAsMlflow(Optional.of(SCHEMA), body, JSON_TYPE);
    }

    @Test
    void refusalsAreMlflowsOwnWordForWord() throws Exception {
        ScoringInput missing = inputs.read(Optional.of(SCHEMA), bytes("{\"dataframe_split\": {\"columns\": "
                + "[\"age\", \"score\", \"visits\", \"days\", \"plan\"], \"data\": [[1, 2, 3, 4, \"a\"]]}}"),
                JSON_TYPE);
        ScoringInput twoKeys = inputs.read(Optional.of(SCHEMA), bytes("{\"instances\": [], \"inputs\": []}"),
                JSON_TYPE);
        ScoringInput malformed = inputs.read(Optional.of(SCHEMA), bytes("{\"dataframe_records\": [{"), JSON_TYPE);
        ScoringInput csvType = inputs.read(Optional.of(SCHEMA), bytes("age\n1\n"), "text/xml");

        assertThat(missing).isInstanceOfSatisfying(ScoringInput.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            JsonNode error = readTree(refused.body());
            assertThat(error.get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(error.get("message").asText()).startsWith("Failed to predict data '")
                    .contains("Failed to enforce schema of data '")
                    .endsWith("Error: Model is missing inputs ['active'].");
        });
        assertThat(twoKeys).isInstanceOfSatisfying(ScoringInput.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(readTree(refused.body()).get("message").asText()).startsWith("The input must be a JSON "
                    + "dictionary with exactly one of the input fields").contains("['instances', 'inputs']");
        });
        assertThat(malformed).isInstanceOfSatisfying(ScoringInput.Refused.class, refused -> assertThat(
                readTree(refused.body()).get("message").asText()).startsWith(
                        "Invalid input. Ensure that input is a valid JSON formatted string."));
        assertThat(csvType).isInstanceOfSatisfying(ScoringInput.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.contentType()).isEqualTo("text/plain");
        });
    }

    @Test
    void aModelWithoutSignatureGetsWhatPandasMakesOfTheRequest() throws Exception {
        ScoringInput read = inputs.read(Optional.empty(), bytes("{\"dataframe_records\": [{\"a\": 1, \"b\": \"x\", "
                + "\"c\": 2.5}, {\"a\": 2, \"b\": \"y\", \"c\": 3}]}"), JSON_TYPE);

        assertThat(read).isInstanceOfSatisfying(ScoringInput.Accepted.class, accepted -> {
            assertThat(accepted.readByMlflow()).isTrue();
            assertThat(accepted.input().types()).containsExactly(ColumnType.LONG, ColumnType.STRING,
                    ColumnType.DOUBLE);
            assertThat(accepted.input().rows()).containsExactly(List.of(1L, "x", 2.5), List.of(2L, "y", 3.0));
        });
    }

    @Test
    void aColumnOfATypeTheServiceDoesNotScoreIsRefusedByName() throws Exception {
        InputSchema dates = InputSchema.parse("[{\"type\": \"datetime\", \"name\": \"day\", \"required\": true}]");

        ScoringInput read = inputs.read(Optional.of(dates), bytes("{\"dataframe_records\": [{\"day\": "
                + "\"2026-12-06\"}]}"), JSON_TYPE);

        assertThat(read).isInstanceOfSatisfying(ScoringInput.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(readTree(refused.body()).get("message").asText()).startsWith("Column 'day' reaches the "
                    + "model as datetime64[ns]");
        });
    }

    @Test
    void generatedRequestsAreReadAsMlflowReadsThem() throws Exception {
        Random random = new Random(20261206L);
        int plain = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            String body = JSON.writeValueAsString(request(random));
            ScoringInput ours = assertSameAsMlflow(Optional.of(SCHEMA), body, JSON_TYPE);
            plain += ours instanceof ScoringInput.Accepted accepted && !accepted.readByMlflow() ? 1 : 0;
            refused += ours instanceof ScoringInput.Refused ? 1 : 0;
        }
        // The corpus reaches both readers and both outcomes.
        assertThat(plain).isGreaterThan(40);
        assertThat(refused).isGreaterThan(40);
    }

    @Test
    void aReaderThatEndsIsStartedAgainAndTheRequestItFailedIsAnEnvironmentFault(@TempDir Path dir)
            throws Exception {
        Path python = dir.resolve("python");
        Path real = PythonChecks.python("MLflow's reading of scoring requests");
        Path died = dir.resolve("died");
        // An interpreter that dies on its first request once, then behaves.
        Files.writeString(python, "#!/bin/sh\nif [ ! -e " + died + " ]; then touch " + died
                + "; echo '{\"ready\": true}'; read line; exit 3; fi\nexec " + real + " \"$@\"\n");
        python.toFile().setExecutable(true);
        try (MlflowInputCheck check = MlflowInputCheck.with(python, dir.resolve("log"), Duration.ofSeconds(60))) {
            byte[] body = bytes("{\"dataframe_records\": [{\"x\": 1}]}");

            assertThatThrownBy(() -> check.read(Optional.empty(), body, JSON_TYPE))
                    .isInstanceOf(InputCheckUnavailable.class).hasMessageContaining("exit code 3");
            assertThat(check.read(Optional.empty(), body, JSON_TYPE)).isInstanceOf(ScoringInput.Accepted.class);
        }
    }

    @Test
    void noInterpreterIsAnEnvironmentFaultThatSaysWhichOne(@TempDir Path dir) throws Exception {
        try (MlflowInputCheck check = MlflowInputCheck.with(dir.resolve("no-python"), dir.resolve("log"),
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> check.read(Optional.empty(), bytes("{}"), JSON_TYPE))
                    .isInstanceOf(InputCheckUnavailable.class).hasMessageContaining(dir.resolve("no-python")
                            .toString());
        }
    }

    private static ScoringInput assertSameAsMlflow(Optional<InputSchema> schema, String body, String contentType)
            throws Exception {
        ScoringInput ours = inputs.read(schema, bytes(body), contentType);
        ScoringInput theirs = mlflow.read(schema, bytes(body), contentType);
        if (theirs instanceof ScoringInput.Accepted accepted) {
            assertThat(ours).as(body).isInstanceOfSatisfying(ScoringInput.Accepted.class,
                    read -> assertThat(read.input()).as(body).isEqualTo(accepted.input()));
        } else {
            assertThat(ours).as(body).isEqualTo(theirs);
        }
        return ours;
    }

    /** A request in one of the two data frame formats, each value of a kind the column may or may not take. */
    private static ObjectNode request(Random random) {
        List<String> names = new ArrayList<>();
        for (InputColumn column : SCHEMA.columns()) {
            if (column.required() ? random.nextInt(40) > 0 : random.nextBoolean()) {
                names.add(column.name());
            }
        }
        if (random.nextInt(5) == 0) {
            names.add("extra");
        }
        int rows = 1 + random.nextInt(3);
        List<List<JsonNode>> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<JsonNode> row = new ArrayList<>();
            for (String name : names) {
                row.add(value(name, random));
            }
            values.add(row);
        }
        ObjectNode request = NODES.objectNode();
        if (random.nextBoolean()) {
            ArrayNode records = request.putArray("dataframe_records");
            for (List<JsonNode> row : values) {
                ObjectNode record = records.addObject();
                for (int c = 0; c < names.size(); c++) {
                    record.set(names.get(c), row.get(c));
                }
            }
        } else {
            ObjectNode split = request.putObject("dataframe_split");
            names.forEach(split.putArray("columns")::add);
            ArrayNode data = split.putArray("data");
            values.forEach(row -> data.addArray().addAll(row));
        }
        if (random.nextInt(6) == 0) {
            request.put("client_request_id", "c-" + random.nextInt(100));
        }
        return request;
    }

    private static JsonNode value(String column, Random random) {
        // Mostly the column's own kind, sometimes any other.
        int kind = random.nextInt(100) < 94 ? ownKind(column) : random.nextInt(8);
        return switch (kind) {
            case 0 -> NODES.numberNode(random.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(random.nextGaussian() * 100);
            case 2 -> NODES.textNode("t" + random.nextInt(10));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode(Integer.toString(random.nextInt(50)));
            case 6 -> NODES.numberNode(random.nextInt(5) + 0.0);
            default -> NODES.numberNode(Long.MAX_VALUE - random.nextInt(3));
        };
    }

    private static int ownKind(String column) {
        return switch (column) {
            case "age", "score", "discount" -> 1;
            case "plan", "extra" -> 2;
            case "active" -> 3;
            default -> 0;
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
