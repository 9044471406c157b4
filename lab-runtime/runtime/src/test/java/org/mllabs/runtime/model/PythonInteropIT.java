package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.spark.LabSpark;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.PythonChecks;

/**
 * A model logged and registered from Java loads in Python with
 * {@code mlflow.pyfunc.load_model("models:/NAME@Champion")} and predicts what Java predicts. The interpreter is
 * {@link PythonChecks#python}'s.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class PythonInteropIT {

    private static final long PYTHON_TIMEOUT_MINUTES = 10;

    private static SparkSession spark;
    private static LabMlflow mlflow;
    private static MlflowServer server;

    @BeforeAll
    static void start(MlflowServer mlflowServer) {
        server = mlflowServer;
        spark = LabSpark.builder().master("local[2]").appName("PythonInteropIT").getOrCreate();
        mlflow = LabMlflow.open(server.trackingUri());
    }

    @AfterAll
    static void stop() {
        mlflow.close();
        spark.stop();
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

        List<Double> fromPython = runPython(python, "models:/" + name + "@Champion", rows, temp);

        List<double[]> fromJava = ExampleModels.predictions(fitted, data);
        assertThat(fromPython).hasSize(fromJava.size());
        for (int i = 0; i < fromJava.size(); i++) {
            assertThat(fromPython.get(i)).as("row %d", i).isCloseTo(fromJava.get(i)[0], within(1e-9));
        }
        System.out.println("PythonInteropIT: " + fromPython.size() + " predictions from Python equal Java's");
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

    private static List<Double> runPython(Path python, String modelUri, Path rows, Path temp) throws Exception {
        Path script = temp.resolve("pyfunc_predict.py");
        try (InputStream in = PythonInteropIT.class.getResourceAsStream("pyfunc_predict.py")) {
            Files.copy(in, script);
        }
        Path output = temp.resolve("predictions.txt");
        Path log = temp.resolve("python.log");
        ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString(), modelUri, rows.toString(),
                output.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(PythonChecks.environment(python, server));
        Process process = builder.start();
        if (!process.waitFor(PYTHON_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Python did not finish within " + PYTHON_TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log));
        }
        assertThat(process.exitValue()).as("Python's exit code; its output:\n%s", Files.readString(log)).isZero();
        return Files.readAllLines(output).stream().map(Double::valueOf).toList();
    }
}
