package org.mllabs.runtime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.mlflow.LabMlflow;

/**
 * Logs a fitted Spark {@link PipelineModel} as an MLflow model under a run's artifacts, in the layout Python's
 * {@code mlflow.spark.log_model} writes ({@code MLmodel}, {@code sparkml/}, {@code requirements.txt},
 * {@code python_env.yaml}, {@code conda.yaml}; see {@link MlModelFiles}), so that Python's
 * {@code mlflow.pyfunc.load_model} can load it too, plus a copy in Spark's local format that Java loads without Spark
 * jobs ({@link LocalModelCopy}). The run gets the {@code mlflow.log-model.history} tag, which the
 * MLflow UI reads to show the run's models.
 */
public final class SparkModelLogger {

    /** The artifact path Python uses by default in the examples: {@code model}. */
    public static final String DEFAULT_ARTIFACT_PATH = "model";

    /** The Python version written into the model when none is given. */
    public static final String DEFAULT_PYTHON_VERSION = "3.11";

    /** The run tag that lists the models logged in a run. */
    public static final String HISTORY_TAG = "mlflow.log-model.history";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabMlflow mlflow;
    private final String pythonVersion;

    /**
     * @param mlflow the server
     * @param pythonVersion the Python version a Python loader should use, such as {@code 3.11}
     */
    public SparkModelLogger(LabMlflow mlflow, String pythonVersion) {
        this.mlflow = mlflow;
        this.pythonVersion = pythonVersion;
    }

    /**
     * Writes the model to a temporary directory, uploads it under {@code artifactPath} of the run, and records it in
     * the run's model history.
     *
     * @param signature what the model takes and returns, or null
     */
    public LoggedModel log(String runId, String artifactPath, PipelineModel model, ModelSignature signature) {
        return logSaved(runId, artifactPath, save(model), signature);
    }

    /**
     * The Spark half of {@link #log}: writes the model's Spark data to a new temporary directory, for
     * {@link #logSaved} to log later. For callers that must run the Spark jobs at a time of their choosing, such as
     * an AutoML trial bounded by a time budget, before the run to log into exists.
     *
     * @return the directory, which {@link #logSaved} deletes
     */
    public static Path save(PipelineModel model) {
        Path directory = temporaryDirectory();
        try {
            model.write().save(directory.resolve(MlModelFiles.MODEL_DATA).toUri().toString());
            dropCommitMarkers(directory.resolve(MlModelFiles.MODEL_DATA));
            LocalModelCopy.write(model, directory);
            return directory;
        } catch (IOException e) {
            LocalFiles.deleteTree(directory);
            throw new UncheckedIOException("Cannot write the model to " + directory, e);
        } catch (RuntimeException e) {
            LocalFiles.deleteTree(directory);
            throw e;
        }
    }

    /**
     * The MLflow half of {@link #log}, with no Spark job: adds the model files to a directory {@link #save} wrote,
     * uploads it under {@code artifactPath} of the run, records it in the run's model history, and deletes the
     * directory.
     *
     * @param signature what the model takes and returns, or null
     */
    public LoggedModel logSaved(String runId, String artifactPath, Path saved, ModelSignature signature) {
        MlModelFiles files = new MlModelFiles(artifactPath, runId, UUID.randomUUID().toString().replace("-", ""),
                Instant.now(), signature, pythonVersion);
        try {
            for (Map.Entry<String, String> file : files.render().entrySet()) {
                Files.writeString(saved.resolve(file.getKey()), file.getValue());
            }
            mlflow.artifacts().uploadDirectory(runId, saved, artifactPath);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the model files to " + saved, e);
        } finally {
            LocalFiles.deleteTree(saved);
        }
        appendHistory(runId, files);
        return new LoggedModel(runId, artifactPath, files.modelUuid());
    }

    /**
     * Deletes the files Hadoop's writers leave beside the data, checksums ({@code .*.crc}) and {@code _SUCCESS}
     * markers: no reader needs them, and they are half the files of a model, each one more request to upload and to
     * download.
     */
    private static void dropCommitMarkers(Path directory) throws IOException {
        List<Path> markers;
        try (Stream<Path> files = Files.walk(directory)) {
            markers = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.equals("_SUCCESS") || name.startsWith(".") && name.endsWith(".crc");
            }).toList();
        }
        for (Path marker : markers) {
            Files.delete(marker);
        }
    }

    private void appendHistory(String runId, MlModelFiles files) {
        JsonNode tags = mlflow.rest().get("runs/get", Map.of("run_id", runId)).path("run").path("data").path("tags");
        ArrayNode history = JSON.createArrayNode();
        for (JsonNode tag : tags) {
            if (tag.path("key").asText().equals(HISTORY_TAG)) {
                history = (ArrayNode) readJson(tag.path("value").asText());
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("run_id", runId);
        entry.put("artifact_path", files.artifactPath());
        entry.put("utc_time_created", files.utcTimeCreated());
        entry.put("model_uuid", files.modelUuid());
        entry.put("flavors", files.flavors());
        history.add(JSON.valueToTree(entry));
        mlflow.rest().post("runs/set-tag", Map.of("run_id", runId, "key", HISTORY_TAG, "value", history.toString()));
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The run's " + HISTORY_TAG + " tag is not JSON: " + text, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("mllabs-model");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the model", e);
        }
    }

}
