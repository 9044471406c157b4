package org.mllabs.serving.service;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.spark.SparkJvmOptions;

/**
 * The serving process, beside the MLflow server and outliving the command that started it: started detached with
 * this JVM's class path ({@link ServingMain}, its output in {@code logs/serving.log}), found again through
 * {@code serving/serving.json}, stopped by its process id.
 */
public final class ServingProcess {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private ServingProcess() {
    }

    /** Where the running process is recorded. */
    static Path recordFile(LabHome home) {
        return ServingService.servingFolder(home).resolve("serving.json");
    }

    /** Forgets the recorded process. */
    static void forget(LabHome home) {
        try {
            Files.deleteIfExists(recordFile(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + recordFile(home), e);
        }
    }

    /** The serving process that is up and answers, if there is one. */
    public static Optional<ServingRecord> running(LabHome home) {
        return ServingRecord.read(recordFile(home)).filter(ServingRecord::answers);
    }

    /**
     * The running serving process, or a new one once it answers.
     *
     * @param environment the variables of a new process (its state directory, MLflow server and Python are read from
     *     them), besides this process's
     * @param port the port for a new process; any free one when empty
     * @param scaleToZeroAfter how long, in a new process, an entity that scales to zero waits without requests
     *     before it unloads; Databricks' 30 min when empty
     * @throws IllegalStateException when a new process ends or does not answer in time, with its log
     */
    public static ServingRecord up(LabEnvironment environment, OptionalInt port, Optional<Duration> scaleToZeroAfter) {
        LabHome home = LabHome.from(environment);
        Optional<ServingRecord> running = running(home);
        if (running.isPresent()) {
            return running.get();
        }
        forget(home);
        Path log = home.logs().resolve("serving.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", absoluteClassPath(), "-Xmx1g", "-XX:+UseParallelGC"));
        command.addAll(SparkJvmOptions.addOpens());
        command.add(ServingMain.class.getName());
        port.ifPresent(value -> command.addAll(List.of("--port", Integer.toString(value))));
        scaleToZeroAfter.ifPresent(idle -> command.addAll(List.of("--scale-to-zero-after",
                Long.toString(idle.toMillis()))));
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment.variables());
            builder.environment().put(LabHome.MLLABS_HOME, home.root().toString());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the serving process: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServingRecord> started = ServingRecord.read(recordFile(home))
                    .filter(record -> record.pid() == process.pid());
            if (started.isPresent() && started.get().answers()) {
                return started.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The serving process ended with exit code " + process.exitValue()
                        + " before it answered. The end of " + log + ":\n" + tail(log));
            }
            sleep();
        }
        process.destroyForcibly();
        throw new IllegalStateException("The serving process did not answer within " + START_TIMEOUT.toSeconds()
                + " s and was stopped. The end of " + log + ":\n" + tail(log));
    }

    /**
     * Stops the recorded process and forgets it. Endpoints and their configs stay in the state directory.
     *
     * @return the record of the process, and whether it was still running, if one was recorded
     */
    public static Optional<ServingStop> down(LabHome home) {
        Optional<ServingRecord> record = ServingRecord.read(recordFile(home));
        Optional<ProcessHandle> process = record.flatMap(recorded -> ProcessHandle.of(recorded.pid()))
                .filter(ProcessHandle::isAlive);
        process.ifPresent(running -> {
            running.destroy();
            try {
                running.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                running.destroyForcibly();
            }
        });
        forget(home);
        return record.map(recorded -> new ServingStop(recorded, process.isPresent()));
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(" + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the serving process", e);
        }
    }
}
