package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
import org.mllabs.runtime.mlflow.ArtifactFile;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.SparkExtension;

@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class SparkModelIT {

    private static SparkSession spark;
    private static LabMlflow mlflow;
    private static SparkModels models;
    private static Dataset<Row> data;
    private static PipelineModel fitted;

    @TempDir
    static Path cache;

    @BeforeAll
    static void start(MlflowServer server, SparkSession session) {
        spark = session;
        mlflow = LabMlflow.open(server.trackingUri());
        models = new SparkModels(mlflow, cache);
        data = ExampleModels.rows(spark, 300, 7).cache();
        fitted = ExampleModels.fit(data, 0.0);
    }

    @AfterAll
    static void stop() {
        mlflow.close();
    }

    private static void assertSamePredictions(PipelineModel loaded, PipelineModel original) {
        List<double[]> expected = ExampleModels.predictions(original, data);
        List<double[]> actual = ExampleModels.predictions(loaded, data);
        assertThat(actual).hasSize(300);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("row %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void aLoggedModelLoadsBackByRunUriAndPredictsTheSame() {
        String runId = TestRuns.newRun(mlflow, "spark-model");

        LoggedModel logged = models.log(runId, fitted, ExampleModels.signature(fitted, data));

        assertThat(logged.modelUri()).isEqualTo("runs:/" + runId + "/model");
        assertSamePredictions(models.load(logged.modelUri()), fitted);
    }

    @Test
    void theRunHoldsTheLayoutPythonWritesAndRecordsTheModel() throws Exception {
        String runId = TestRuns.newRun(mlflow, "spark-model");

        LoggedModel logged = models.log(runId, "classifier", fitted, ExampleModels.signature(fitted, data));

        List<String> paths = mlflow.artifacts().list(runId, "classifier").stream().map(ArtifactFile::path).toList();
        assertThat(paths).contains("classifier/MLmodel", "classifier/requirements.txt", "classifier/python_env.yaml",
                "classifier/conda.yaml", "classifier/sparkml/metadata", "classifier/sparkml/stages");
        assertThat(paths).anyMatch(p -> p.matches("classifier/sparkml/stages/1_logreg_.*/data/.*\\.parquet"));
        assertThat(paths).contains("classifier/" + LocalModelCopy.DIRECTORY + "/metadata")
                .noneMatch(p -> p.endsWith(".crc") || p.endsWith("_SUCCESS"));
        JsonNode mlmodel = new ObjectMapper(new YAMLFactory())
                .readTree(mlflow.artifacts().download(runId, "classifier/MLmodel"));
        assertThat(mlmodel.path("run_id").asText()).isEqualTo(runId);
        assertThat(mlmodel.path("metadata").path(LocalModelCopy.DIRECTORY).asText()).contains("sparkml/");
        assertThat(mlmodel.path("model_uuid").asText()).isEqualTo(logged.modelUuid());
        assertThat(mlmodel.path("signature").path("inputs").asText()).contains("\"name\": \"tenure\"");
        String history = mlflow.client().getRun(runId).getData().getTagsList().stream()
                .filter(t -> t.getKey().equals(SparkModelLogger.HISTORY_TAG)).findFirst().orElseThrow().getValue();
        JsonNode entries = new ObjectMapper().readTree(history);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).path("artifact_path").asText()).isEqualTo("classifier");
        assertThat(entries.get(0).path("model_uuid").asText()).isEqualTo(logged.modelUuid());
    }

    /** What a learner's {@code model.write().save(folder)} leaves, and logs as artifacts, is the model alone. */
    @Test
    void aPipelineSavedByALabLeavesNoChecksumOrCommitMarker(@TempDir Path folder) throws Exception {
        fitted.write().overwrite().save(folder.toString());

        List<String> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString()).toList();
        }
        assertThat(files).anyMatch(f -> f.startsWith("metadata/part-00000")).anyMatch(f -> f.endsWith(".parquet"))
                .noneMatch(f -> f.endsWith(".crc") || f.endsWith("_SUCCESS"));
        assertSamePredictions(PipelineModel.load(folder.toString()), fitted);
    }

    /** A model logged from Python has no local copy: the loader downloads and reads the standard one. */
    @Test
    void aModelWithoutALocalCopyLoadsFromTheStandardOne(@TempDir Path directory) throws Exception {
        String runId = TestRuns.newRun(mlflow, "spark-model");
        fitted.write().save(directory.resolve(MlModelFiles.MODEL_DATA).toUri().toString());
        MlModelFiles files = new MlModelFiles("model", runId, "0", Instant.now(), null,
                SparkModelLogger.DEFAULT_PYTHON_VERSION);
        for (Map.Entry<String, String> file : files.render().entrySet()) {
            Files.writeString(directory.resolve(file.getKey()), file.getValue());
        }
        mlflow.artifacts().uploadDirectory(runId, directory, "model");

        assertSamePredictions(new SparkModels(mlflow, directory.resolve("cache")).load("runs:/" + runId + "/model"),
                fitted);
    }

    @Test
    void aRegisteredModelLoadsByAliasAndByVersionAndFollowsTheAliasWhenItMoves() {
        String name = TestRuns.uniqueName("churn");
        String firstRun = TestRuns.newRun(mlflow, "spark-model");
        models.log(firstRun, fitted, ExampleModels.signature(fitted, data));
        PipelineModel regularised = ExampleModels.fit(data, 0.5);
        String secondRun = TestRuns.newRun(mlflow, "spark-model");
        models.log(secondRun, regularised, ExampleModels.signature(regularised, data));

        ModelVersion first = models.register(name, firstRun, "model");
        ModelVersion second = models.register(name, secondRun, "model");
        mlflow.registry().setAlias(name, "Champion", first.version());

        assertThat(first.source()).isEqualTo(mlflow.artifactUriOf(firstRun) + "/model");
        assertThat(second.version()).isEqualTo("2");
        assertSamePredictions(models.load("models:/" + name + "@Champion"), fitted);
        assertSamePredictions(models.load("models:/" + name + "/2"), regularised);
        mlflow.registry().setAlias(name, "Champion", second.version());
        assertSamePredictions(models.load("models:/" + name + "@Champion"), regularised);
    }

    @Test
    void aMissingAliasOrAMalformedUriIsAClearError() {
        String name = TestRuns.uniqueName("churn");
        String runId = TestRuns.newRun(mlflow, "spark-model");
        models.log(runId, fitted, null);
        models.register(name, runId, "model");

        assertThatThrownBy(() -> models.load("models:/" + name + "@Champion"))
                .isInstanceOf(MlflowApiException.class)
                .hasMessageContaining("@Champion").hasMessageContaining(name).hasMessageContaining("none");
        assertThatThrownBy(() -> models.load("models:/" + name))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("models:/NAME@ALIAS");
        assertThatThrownBy(() -> models.load("runs:/" + runId + "/no-model-here"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No artifacts under");
    }
}
