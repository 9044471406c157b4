package org.mllabs.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as the runtime reads it, so that tests can hand in their own.
 *
 * @param variables the environment variables
 */
public record LabEnvironment(Map<String, String> variables) {

    /** The variable that points the runtime at an existing MLflow server. */
    public static final String MLFLOW_TRACKING_URI = "MLFLOW_TRACKING_URI";

    public LabEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment of this process. */
    public static LabEnvironment current() {
        return new LabEnvironment(System.getenv());
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
