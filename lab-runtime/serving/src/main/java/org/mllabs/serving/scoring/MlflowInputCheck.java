package org.mllabs.serving.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads scoring requests with Python MLflow's own scoring server code ({@code mlflow_input_check.py}, run by the lab
 * Python environment's interpreter): {@code invocations}, the model's signature enforced by
 * {@code PyFuncModel.predict}, and a stand-in model that stops at the data it is handed. A refusal comes back as
 * MLflow's status and body, word for word; an accepted request as the rows MLflow would hand the model.
 *
 * <p>One process, its imports paid once (about 3 s), answers one request at a time; a process that ends or does not
 * answer in time is stopped and started again for the next request, and the request it failed gets
 * {@link InputCheckUnavailable}.
 */
public final class MlflowInputCheck implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "mlflow_input_check.py";

    private final Path python;
    private final Path script;
    private final Path log;
    private final Duration timeout;
    private final ExecutorService reader;
    private Process process;
    private BufferedWriter requests;
    private BufferedReader answers;

    private MlflowInputCheck(Path python, Path script, Path log, Duration timeout) {
        this.python = python;
        this.script = script;
        this.log = log;
        this.timeout = timeout;
        this.reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mlflow-input-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A reader run by this interpreter; its process starts with the first request.
     *
     * @param python an interpreter with the server's {@code mlflow}
     * @param log where the process's own output goes
     * @param timeout how long one request may take, the process's start included
     */
    public static MlflowInputCheck with(Path python, Path log, Duration timeout) throws IOException {
        Path script = Files.createTempFile("mllabs-", "-" + SCRIPT);
        script.toFile().deleteOnExit();
        try (InputStream source = MlflowInputCheck.class.getResourceAsStream(SCRIPT)) {
            if (source == null) {
                throw new IOException(SCRIPT + " is missing from the class path");
            }
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return new MlflowInputCheck(python, script, log, timeout);
    }

    /**
     * MLflow's reading of one request.
     *
     * @param schema the model's input schema, or empty for a model logged without a signature
     * @param body the request body
     * @param contentType its {@code Content-Type}
     */
    public synchronized ScoringInput read(Optional<InputSchema> schema, byte[] body, String contentType)
            throws InputCheckUnavailable {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("signature", schema.map(InputSchema::json).orElse(null));
        request.put("body_base64", Base64.getEncoder().encodeToString(body));
        request.put("content_type", contentType);
        try {
            ensureStarted();
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            return answer(JSON.readTree(nextLine()));
        } catch (IOException e) {
            stop();
            throw unavailable(e.getMessage());
        }
    }

    private void ensureStarted() throws IOException, InputCheckUnavailable {
        if (process != null && process.isAlive()) {
            return;
        }
        stop();
        process = new ProcessBuilder(python.toString(), "-u", script.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        JsonNode ready = JSON.readTree(nextLine());
        if (!ready.path("ready").asBoolean()) {
            throw new IOException("it did not say it was ready: " + ready);
        }
    }

    private String nextLine() throws IOException, InputCheckUnavailable {
        Future<String> line = reader.submit(answers::readLine);
        try {
            String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new IOException("it ended with exit code " + process.waitFor());
            }
            return text;
        } catch (TimeoutException e) {
            line.cancel(true);
            stop();
            throw unavailable("it did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw unavailable("the wait for it was interrupted");
        }
    }

    private static ScoringInput answer(JsonNode answer) throws IOException {
        if (answer.has("fault")) {
            throw new IOException("it failed on the request: " + answer.get("fault").asText());
        }
        int status = answer.path("status").asInt();
        if (!answer.has("rows")) {
            return new ScoringInput.Refused(status, answer.path("content_type").asText(),
                    answer.path("body").asText());
        }
        List<String> columns = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        for (int i = 0; i < answer.get("columns").size(); i++) {
            String column = answer.get("columns").get(i).asText();
            String dtype = answer.get("dtypes").get(i).asText();
            Optional<ColumnType> type = ColumnType.ofDtype(dtype);
            if (type.isEmpty()) {
                return notServed(column, dtype);
            }
            columns.add(column);
            types.add(type.get());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode values : answer.get("rows")) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                row.add(value(values.get(i), types.get(i)));
            }
            rows.add(row);
        }
        return new ScoringInput.Accepted(new ModelInput(columns, types, rows), true);
    }

    /** MLflow accepted the request, but hands the model a column of a type this service does not score. */
    private static ScoringInput notServed(String column, String dtype) throws IOException {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error_code", "BAD_REQUEST");
        error.put("message", "Column '" + column + "' reaches the model as " + dtype + ", a type mllabs serving "
                + "does not pass to models: it serves columns of double, float, long, integer, string and boolean.");
        return new ScoringInput.Refused(400, "application/json", JSON.writeValueAsString(error));
    }

    private static Object value(JsonNode node, ColumnType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type) {
            case DOUBLE -> node.doubleValue();
            case FLOAT -> (float) node.doubleValue();
            case LONG -> node.longValue();
            case INTEGER -> node.intValue();
            case BOOLEAN -> node.booleanValue();
            case STRING -> node.asText();
        };
    }

    private InputCheckUnavailable unavailable(String what) {
        String tail;
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            tail = "(" + log + " cannot be read: " + e.getMessage() + ")";
        }
        return new InputCheckUnavailable("MLflow's request reader (" + python + " " + SCRIPT + ") failed: " + what
                + ". The last lines of its log " + log + ":\n" + tail);
    }

    private void stop() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
        reader.shutdownNow();
    }
}
