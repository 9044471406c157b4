package org.mllabs.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory where mllabs keeps its state on a learner's machine: {@code $MLLABS_HOME}, else {@code ~/.mllabs}.
 *
 * <p>The MLflow server's database and artifacts live in {@link #mlflowState()}, so runs, models and aliases outlive the
 * JVM that logged them and the server that stored them. Nothing in the runtime deletes that directory.
 *
 * @param root the directory
 */
public record LabHome(Path root) {

    /** The variable that moves the state directory. */
    public static final String MLLABS_HOME = "MLLABS_HOME";

    public LabHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The state directory chosen by the environment. */
    public static LabHome from(LabEnvironment environment) {
        return new LabHome(environment.get(MLLABS_HOME)
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".mllabs")));
    }

    /** The MLflow server's state: {@code mlflow.db} (SQLite) and {@code artifacts/}. */
    public Path mlflowState() {
        return ensureDirectory(root.resolve("mlflow"));
    }

    /** Where the running server is recorded, so a second command finds it instead of starting another. */
    public Path serverRecord() {
        return ensureDirectory(root).resolve("server.json");
    }

    /** A lock file that keeps two commands from starting two servers at once. */
    public Path serverLock() {
        return ensureDirectory(root).resolve("server.lock");
    }

    /** Logs of processes the runtime starts, such as a local {@code mlflow server}. */
    public Path logs() {
        return ensureDirectory(root.resolve("logs"));
    }

    /** Scratch space for a lab: compiled classes, Spark's warehouse, downloaded artifacts. */
    public Path work(String name) {
        return ensureDirectory(root.resolve("work").resolve(name));
    }

    private static Path ensureDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the mllabs state directory " + directory
                    + ": check its permissions or set MLLABS_HOME to a writable directory", e);
        }
    }
}
