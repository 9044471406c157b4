package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RunSystemTags;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * A model logged and registered from Java loads in Python with
 * {@code mlflow.pyfunc.load_model("models:/NAME@Champion")} and predicts what Java predicts; a model Python MLflow 3
 * logged and registered loads in Java and predicts what Python predicts; a run created from Java
 * shows Python MLflow its system tags and the increasing timestamps of a metric logged over steps. The interpreter is
 * {@link PythonChecks#python}'s.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class PythonInteropIT {

    private static final long PYTHON_TIMEOUT_MINUTES = 10;

    private static SparkSession spark;
    private static LabMlflow mlflow;
    private static MlflowServer server;

    @BeforeAll
    static void start(MlflowServer mlflowServer, SparkSession session) {
        server = mlflowServer;
        spark = session;
        mlflow = LabMlflow.open(server.trackingUri());
    }

    @AfterAll
    static void stop() {
        mlflow.close();
    }

    @Test
    void pythonLoadsTheChampionLoggedFromJavaAndPredictsTheSame(@TempDir Path temp, @TempDir Path cache)
            throws Exception {
        Path python = PythonChecks.python("the Python interop test");
        Dataset<Row> data = ExampleModels.rows(spark, 300, 11).cache();
        PipelineModel fitted = ExampleModels.fit(data, 0.0);
        String runId = TestRuns.newRun(mlflow, "python-interop");
        SparkModels models = new SparkModels(mlflow, cache);
        models.log(runId, fitted, ExampleModels.signature(fitted, data));
        String name = TestRuns.uniqueName("interop");
        ModelVersion version = models.register(name, runId, "model");
        mlflow.registry().setAlias(name, "Champion", version.version());
        Path rows = writeFeatures(data, temp.resolve("rows.csv"));

        List<Double> fromPython = runPython(python, "pyfunc_predict.py", temp, "models:/" + name + "@Champion",
                rows.toString()).stream().map(Double::valueOf).toList();

        List<double[]> fromJava = ExampleModels.predictions(fitted, data);
        assertThat(fromPython).hasSize(fromJava.size());
        for (int i = 0; i < fromJava.size(); i++) {
            assertThat(fromPython.get(i)).as("row %d", i).isCloseTo(fromJava.get(i)[0], within(1e-9));
        }
        System.out.println("PythonInteropIT: " + fromPython.size() + " predictions from Python equal Java's");
    }

    @Test
    void pythonSeesWhoAndWhatCreatedARunFromJavaAndWhenEachStepWasLogged(@TempDir Path temp) throws Exception {
        Path python = PythonChecks.python("the Python interop test");
        String runId;
        long start = System.currentTimeMillis();
        try (LabMlflow lab = LabMlflow.open(server.trackingUri(),
                RunSystemTags.local("ada", "org.mllabs.lab01.TrackingLab"))) {
            runId = lab.client().createRun(lab.client().createExperiment(TestRuns.uniqueName("python-tags")))
                    .getRunId();
            for (int step = 0; step < 3; step++) {
                lab.client().logMetric(runId, "train_loss", 1.0 / (step + 1), start, step);
            }
        }

        List<String> fromPython = runPython(python, "run_tags.py", temp, runId, "train_loss");

        assertThat(fromPython).containsExactly("mlflow.user=ada", "mlflow.source.name=org.mllabs.lab01.TrackingLab",
                "mlflow.source.type=LOCAL", "timestamps=" + start + "," + (start + 1) + "," + (start + 2));
    }

    /**
     * A model Python MLflow 3 logged as a logged model ({@code Model.log(name=...)}) and registered, whose version's
     * source is {@code models:/m-...}, loads in Java by version and by its logged-model URI, and predicts on every
     * row what it predicted in Python.
     */
    @Test
    void javaLoadsAModelPythonLoggedAsALoggedModelAndPredictsTheSame(@TempDir Path temp, @TempDir Path cache)
            throws Exception {
        Path python = PythonChecks.python("the Python interop test");
        Dataset<Row> data = ExampleModels.rows(spark, 200, 13).cache();
        Path training = writeRows(data, temp.resolve("training.csv"));
        String name = TestRuns.uniqueName("from-python");

        List<String> lines = runPython(python, "python_logged_model.py", temp, training.toString(), name);

        String modelId = lines.get(0);
        ModelVersion version = mlflow.registry().getModelVersion(name, "1");
        assertThat(version.source()).isEqualTo("models:/" + modelId);
        SparkModels models = new SparkModels(mlflow, cache);
        for (String uri : List.of("models:/" + name + "/1", "models:/" + modelId)) {
            List<double[]> fromJava = ExampleModels.predictions(models.load(uri), data);
            assertThat(fromJava).as(uri).hasSize(lines.size() - 1);
            for (int i = 0; i < fromJava.size(); i++) {
                double[] fromPython = Arrays.stream(lines.get(i + 1).split(",")).mapToDouble(Double::parseDouble)
                        .toArray();
                assertThat(fromJava.get(i)).as("%s row %d", uri, i).containsExactly(fromPython, within(1e-9));
            }
        }
    }

    private static Path writeRows(Dataset<Row> data, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", ExampleModels.FEATURES) + ",label");
        for (Row row : data.collectAsList()) {
            lines.add(row.getDouble(0) + "," + row.getDouble(1) + "," + row.getDouble(2) + "," + row.getDouble(3));
        }
        return Files.write(file, lines);
    }

    private static Path writeFeatures(Dataset<Row> data, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", ExampleModels.FEATURES));
        for (Row row : data.select(ExampleModels.FEATURES[0], ExampleModels.FEATURES[1], ExampleModels.FEATURES[2])
                .collectAsList()) {
            lines.add(row.getDouble(0) + "," + row.getDouble(1) + "," + row.getDouble(2));
        }
        return Files.write(file, lines);
    }

    /** Runs a script of this package's resources with the arguments and an output file last; returns its lines. */
    private static List<String> runPython(Path python, String scriptName, Path temp, String... arguments)
            throws Exception {
        Path script = temp.resolve(scriptName);
        try (InputStream in = PythonInteropIT.class.getResourceAsStream(scriptName)) {
            Files.copy(in, script);
        }
        Path output = temp.resolve("output.txt");
        Path log = temp.resolve("python.log");
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(arguments));
        command.add(output.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(PythonChecks.environment(python, server));
        Process process = builder.start();
        if (!process.waitFor(PYTHON_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Python did not finish within " + PYTHON_TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log));
        }
        assertThat(process.exitValue()).as("Python's exit code; its output:\n%s", Files.readString(log)).isZero();
        return Files.readAllLines(output);
    }
}
