package org.mllabs.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The process environment as the runtime reads it, so that tests can hand in their own.
 *
 * <p>A learner of a shared class server gets a credentials file ({@code KEY=value} lines: the tracking URI, the
 * learner id and the MLflow user and password). {@code MLLABS_CREDENTIALS} names it; its variables then count as if
 * set, except those the process sets itself, which win.
 *
 * @param variables the environment variables
 */
public record LabEnvironment(Map<String, String> variables) {

    /** The variable that points the runtime at an existing MLflow server. */
    public static final String MLFLOW_TRACKING_URI = "MLFLOW_TRACKING_URI";

    /** The variable that names a learner's credentials file. */
    public static final String MLLABS_CREDENTIALS = "MLLABS_CREDENTIALS";

    public LabEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment of this process, with the variables of the credentials file it names, if any. */
    public static LabEnvironment current() {
        return withCredentialsFile(System.getenv());
    }

    /**
     * The variables given, completed by those of the file {@code MLLABS_CREDENTIALS} names.
     *
     * @throws UncheckedIOException when that file cannot be read
     */
    public static LabEnvironment withCredentialsFile(Map<String, String> variables) {
        String file = variables.get(MLLABS_CREDENTIALS);
        if (file == null || file.isBlank()) {
            return new LabEnvironment(variables);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(MLLABS_CREDENTIALS + "=" + file + " cannot be read: give the credentials "
                    + "file your instructor handed out, or unset " + MLLABS_CREDENTIALS, e);
        }
        Map<String, String> merged = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> merged.put(name, properties.getProperty(name).strip()));
        merged.putAll(variables);
        return new LabEnvironment(merged);
    }

    /** A variable's value, absent when unset or blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Whether this runs in continuous integration ({@code CI=true}), where a skipped integration test is a failure. */
    public boolean isCi() {
        return get("CI").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    /** Looks an executable up on {@code PATH}, as a shell would. */
    public Optional<Path> findExecutable(String name) {
        String path = get("PATH").orElse("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
