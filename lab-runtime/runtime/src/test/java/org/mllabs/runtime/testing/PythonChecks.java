package org.mllabs.runtime.testing;

import io.delta.storage.LogStore;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabPython;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServerVersion;

/**
 * Python run against what Java left on the test server, the way a data scientist would read it: the lab Python
 * environment's interpreter ({@code MLLABS_PYTHON}, else {@code python/bin/python} under the state directory) runs
 * pytest over a folder of checks, in a process that runs one folder after another ({@link PythonCheckWorker}), with
 * the variables they read:
 * <ul>
 *   <li>{@code MLFLOW_TRACKING_URI}: the test server;</li>
 *   <li>{@value #EXPERIMENT}, {@value #LAB}: the learner's experiment and the lab id;</li>
 *   <li>{@value #DATASETS}: the repository's {@code datasets/};</li>
 *   <li>{@value #SPARK_JARS}: the Delta Lake jars of this JVM's class path, comma-separated, for pyspark's
 *       {@code spark.jars}, so that pyspark reads Delta tables with no download;</li>
 *   <li>{@code PYTHONPATH}: {@link #SHARED}, the helpers every grader's checks import ({@code mllabs_checks});</li>
 *   <li>{@code SPARK_SUBMIT_OPTS}: {@value #CHECK_JVM_OPTIONS}, for every JVM pyspark starts, its driver's and the
 *       one each of its Python workers starts to load a Spark ML model: they start Spark and run small jobs, for
 *       which the optimising compiler costs more than it saves (the ten graders' checks: 165 s of CPU against 270 s
 *       with it);</li>
 *   <li>and those the caller adds, such as {@value #JAVA_PREDICTIONS}.</li>
 * </ul>
 * A check that fails, or does not finish within {@link #TIMEOUT}, fails the Java test with pytest's
 * output. Without the interpreter the test is skipped, or failed in continuous integration.
 */
public final class PythonChecks {

    /** The interpreter to use instead of the lab Python environment's. */
    public static final String PYTHON = LabPython.MLLABS_PYTHON;
    /** The learner's experiment, for the checks. */
    public static final String EXPERIMENT = "MLLABS_EXPERIMENT";
    /** The lab id, for the checks. */
    public static final String LAB = "MLLABS_LAB";
    /** The repository's {@code datasets/}, for the checks. */
    public static final String DATASETS = "MLLABS_DATASETS";
    /** The Delta Lake jars for pyspark, comma-separated. */
    public static final String SPARK_JARS = "MLLABS_SPARK_JARS";
    /** The folder of what Java predicts with the models the checks score ({@code mllabs_checks/scoring.py}). */
    public static final String JAVA_PREDICTIONS = "MLLABS_JAVA_PREDICTIONS";
    /** The folder, from the repository's root, of the {@code mllabs_checks} package the checks share. */
    public static final String SHARED = "lab-runtime/runtime/src/test/python";
    /** The options of a JVM that pyspark starts for the checks: the quick compiler only, the serial collector. */
    public static final String CHECK_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** How long a folder of checks may run, pyspark's start included. */
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    private static final PythonCheckWorkers WORKERS = new PythonCheckWorkers();

    private PythonChecks() {
    }

    /**
     * The lab Python environment's interpreter; skips the test (fails it in CI) when there is none.
     *
     * @param purpose what the test needs Python for, for the message
     */
    public static Path python(String purpose) {
        LabEnvironment environment = LabEnvironment.current();
        Optional<Path> python = LabPython.find(environment);
        if (python.isEmpty()) {
            EngineRequirement.unmet(environment, "No Python with mlflow==" + MlflowServerVersion.mlflow()
                    + " and pyspark==" + MlflowServerVersion.spark() + " was found, so " + purpose + " cannot run. "
                    + LabPython.howToCreate());
        }
        return python.orElseThrow();
    }

    /**
     * The variables a Python process needs to reach the test server and run pyspark with Delta Lake offline.
     *
     * @param python the interpreter, which pyspark's workers use too
     * @param server the test server
     */
    public static Map<String, String> environment(Path python, MlflowServer server) {
        return Map.of("MLFLOW_TRACKING_URI", server.trackingUri().toString(),
                "JAVA_HOME", System.getProperty("java.home"),
                "PYSPARK_PYTHON", python.toString(),
                "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_SUBMIT_OPTS", CHECK_JVM_OPTIONS,
                "PYTHONDONTWRITEBYTECODE", "1",
                SPARK_JARS, deltaJars());
    }

    /**
     * Runs pytest over the folder in one of this JVM's check processes ({@link PythonCheckWorker}); returns
     * pytest's output when every check passes. A process runs one folder at a time, and one is started only when
     * every other is busy: never more processes than tests running checks at the same time, each starting pyspark
     * once.
     *
     * @param tests the folder of {@code test_*.py} files
     * @param server the test server the learner's work is on
     * @param labId the lab, such as {@code lab07}
     * @param experiment the learner's experiment of the lab
     * @param work a temporary folder for pytest's output, the checks' working folder
     * @param more variables to add for the checks, such as {@value #JAVA_PREDICTIONS}
     * @throws AssertionError when a check fails or pytest does not finish in time, with pytest's output
     */
    public static String pytest(Path tests, MlflowServer server, String labId, String experiment, Path work,
                                Map<String, String> more) {
        Path python = python("the Python checks in " + tests);
        RepositoryLayout repository = RepositoryLayout.locate(LabEnvironment.current());
        Map<String, String> processEnvironment = workerEnvironment(python, server);
        Map<String, String> variables = new HashMap<>(more);
        variables.put(EXPERIMENT, experiment);
        variables.put(LAB, labId);
        variables.put(DATASETS, repository.datasets().toString());
        Path log = work.resolve("pytest.log");
        PythonCheckWorker worker = null;
        try {
            worker = WORKERS.take(python, processEnvironment);
            int exitCode = worker.run(tests, work, log, variables, TIMEOUT);
            WORKERS.give(processEnvironment, worker);
            String output = Files.readString(log);
            if (exitCode != 0) {
                throw new AssertionError("pytest " + tests + " exited with " + exitCode + ":\n" + output);
            }
            return output;
        } catch (TimeoutException e) {
            throw new AssertionError("pytest " + tests + " did not finish within " + TIMEOUT.toMinutes()
                    + " minutes:\n" + readOrSay(log));
        } catch (IOException e) {
            throw new AssertionError("Cannot run pytest " + tests + " with " + python + ": " + e.getMessage()
                    + "\npytest's output:\n" + readOrSay(log), e);
        } catch (InterruptedException e) {
            worker.close();
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while pytest " + tests + " ran", e);
        }
    }

    /** The variables of a process running checks: {@link #environment} and {@code PYTHONPATH}. */
    static Map<String, String> workerEnvironment(Path python, MlflowServer server) {
        Map<String, String> variables = new HashMap<>(environment(python, server));
        variables.put("PYTHONPATH", RepositoryLayout.locate(LabEnvironment.current()).root().resolve(SHARED)
                .toString());
        return variables;
    }

    private static String readOrSay(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return "(" + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    private static String deltaJars() {
        return Stream.of(DeltaTable.class, LogStore.class).map(PythonChecks::jarOf).map(Path::toString).distinct()
                .collect(Collectors.joining(","));
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
        }
    }
}
