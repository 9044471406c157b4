package org.mllabs.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Python process that runs folders of checks one after another ({@code python -m mllabs_checks.worker}, in
 * {@link PythonChecks#SHARED}): its imports and pyspark's JVMs start once for every folder it runs. A request is one
 * JSON line on its standard input, the answer one JSON line on its standard output with pytest's exit code; pytest's
 * output goes to the request's log file, the process's own (pyspark's start, its JVMs' logs) to a log of its own.
 */
final class PythonCheckWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private final Path ownLog;
    private final ExecutorService reader;

    private PythonCheckWorker(Process process, Path ownLog) {
        this.process = process;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.ownLog = ownLog;
        this.reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "python-checks-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a process with the interpreter and the variables every request shares.
     *
     * @param python the interpreter
     * @param environment the process's variables, {@code PYTHONPATH} to {@code mllabs_checks} included
     */
    static PythonCheckWorker start(Path python, Map<String, String> environment) throws IOException {
        Path ownLog = Files.createTempFile("mllabs-python-checks-", ".log");
        ownLog.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "-m", "mllabs_checks.worker", ownLog.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(ownLog.toFile()));
        builder.environment().putAll(environment);
        return new PythonCheckWorker(builder.start(), ownLog);
    }

    /**
     * Runs pytest over a folder of checks and waits for it.
     *
     * @param tests the folder of {@code test_*.py} files
     * @param cwd the folder to run in
     * @param log the file for pytest's output
     * @param environment the variables to add to the process's for this folder
     * @param timeout how long pytest may run
     * @return pytest's exit code
     * @throws TimeoutException when pytest did not finish in time (this process is then stopped)
     * @throws IOException when the process ended or cannot be reached (with its own log)
     */
    int run(Path tests, Path cwd, Path log, Map<String, String> environment, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        Map<String, Object> request = Map.of("tests", tests.toAbsolutePath().toString(),
                "cwd", cwd.toAbsolutePath().toString(), "log", log.toAbsolutePath().toString(), "env", environment);
        Future<String> answer;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            answer = reader.submit(answers::readLine);
        } catch (IOException e) {
            throw ended("cannot be sent a request: " + e.getMessage());
        }
        try {
            String line = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw ended("ended with exit code " + process.waitFor());
            }
            JsonNode exitCode = JSON.readTree(line).get("exit_code");
            if (exitCode == null || !exitCode.isInt()) {
                throw ended("answered with no exit code: " + line);
            }
            return exitCode.asInt();
        } catch (TimeoutException e) {
            close();
            throw e;
        } catch (ExecutionException e) {
            throw ended("cannot be read: " + e.getCause().getMessage());
        }
    }

    /** Whether the process still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** What the process wrote of its own: pyspark's start, its JVMs' logs, a crash. */
    String ownLog() {
        try {
            return Files.readString(ownLog);
        } catch (IOException e) {
            return "(its log " + ownLog + " cannot be read: " + e.getMessage() + ")";
        }
    }

    private IOException ended(String how) {
        close();
        return new IOException("The Python process running the checks " + how + "; its log:\n" + ownLog());
    }

    /** Stops the process and every process it started (pyspark's JVMs and workers). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        reader.shutdownNow();
    }
}
