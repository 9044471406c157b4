package org.mllabs.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lab Python environment's interpreter, which has the server's {@code mlflow} and the labs' {@code pyspark}
 * ({@code lab-runtime/environment/python-env.sh} creates it): {@code $MLLABS_PYTHON}, else {@code python/bin/python}
 * under the state directory.
 */
public final class LabPython {

    /** The variable that names another interpreter with the same packages. */
    public static final String MLLABS_PYTHON = "MLLABS_PYTHON";

    private LabPython() {
    }

    /** The interpreter the environment names, if it is an executable file. */
    public static Optional<Path> find(LabEnvironment environment) {
        return environment.get(MLLABS_PYTHON).map(Path::of)
                .or(() -> Optional.of(LabHome.from(environment).root().resolve("python/bin/python")))
                .filter(Files::isExecutable);
    }

    /** What to tell someone who has no interpreter. */
    public static String howToCreate() {
        return "Create the lab Python environment with `bash lab-runtime/environment/python-env.sh`, or set "
                + MLLABS_PYTHON + " to a python that has mlflow and pyspark.";
    }
}
