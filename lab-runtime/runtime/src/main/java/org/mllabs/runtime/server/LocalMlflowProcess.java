package org.mllabs.runtime.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A local {@code mlflow server} process on the same state directory a container would use. It is started detached,
 * so it outlives the command that started it, and writes its log to the state directory's {@code logs/}.
 */
public final class LocalMlflowProcess {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private LocalMlflowProcess() {
    }

    /**
     * Starts {@code mlflow server} on loopback and waits until it answers.
     *
     * @param mlflow the {@code mlflow} executable
     * @param stateDirectory where {@code mlflow.db} and {@code artifacts/} live
     * @param port the port to listen on
     * @param log the file that receives the server's output
     * @return the running process
     */
    public static Process start(Path mlflow, Path stateDirectory, int port, Path log) {
        Path state = stateDirectory.toAbsolutePath();
        List<String> command = MlflowServerCommand.of(mlflow.toString(), "127.0.0.1", port, state.toString());
        Process process;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(MlflowServerCommand.ENVIRONMENT);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new MlflowServerException("Cannot start " + mlflow + ": " + e.getMessage(), e);
        }
        URI uri = URI.create("http://127.0.0.1:" + port);
        try {
            if (!MlflowHealth.awaitUp(uri, STARTUP_TIMEOUT, process::isAlive)) {
                process.destroy();
                throw new MlflowServerException("`mlflow server` did not answer on port " + port + " within "
                        + STARTUP_TIMEOUT.toSeconds() + " s. Its log, " + log + ", ends with:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new MlflowServerException("Interrupted while waiting for `mlflow server`", e);
        }
        return process;
    }

    /** Stops a process started earlier; one that is already gone is fine. */
    public static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroy);
            handle.destroy();
            try {
                handle.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        });
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
