package org.mllabs.runtime.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mllabs.runtime.server.MlflowServerVersion;

/**
 * The descriptive files of a Spark model logged as an MLflow model, as Python's {@code mlflow.spark.log_model}
 * writes them next to the {@code sparkml/} directory: {@code MLmodel} with the {@code spark} and
 * {@code python_function} flavors, {@code requirements.txt}, {@code python_env.yaml} and {@code conda.yaml}.
 *
 * <p>Keys are sorted as Python's YAML writer sorts them and every string is quoted, so that a version such as
 * {@code 3.11} stays a string and the creation time is not read back as a date. The {@code model_id} line is left
 * out: it would name a logged-model entity that does not exist on the server. {@code metadata}, the free-form entry
 * Python reads back as {@code Model.metadata}, says what the {@code sparkml-local/} folder beside {@code sparkml/} is
 * ({@link LocalModelCopy}).
 *
 * @param artifactPath the model's directory under the run's artifacts, such as {@code model}
 * @param runId the run that logs it
 * @param modelUuid a fresh identifier of this model (32 hex digits)
 * @param created when it was created
 * @param signature its signature, or null
 * @param pythonVersion the Python version a loader should use, such as {@code 3.11}
 */
public record MlModelFiles(String artifactPath, String runId, String modelUuid, Instant created,
                           ModelSignature signature, String pythonVersion) {

    /** The directory of the Spark ML writer's output inside the model directory. */
    public static final String MODEL_DATA = "sparkml";

    /** The file that describes an MLflow model. */
    public static final String MLMODEL = "MLmodel";

    /** What {@code metadata} says of the model's second copy, which Python's loaders never read. */
    static final String LOCAL_COPY_NOTE = "A copy of sparkml/ in Spark ML's local format (plain files, read without "
            + "Spark jobs), which the mllabs Java runtime loads; mlflow.spark and mlflow.pyfunc read sparkml/ only.";

    private static final DateTimeFormatter PYTHON_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /** The files by name: {@code MLmodel}, {@code requirements.txt}, {@code python_env.yaml}, {@code conda.yaml}. */
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(MLMODEL, yaml(mlmodel()));
        files.put("requirements.txt", String.join("\n", requirements()));
        files.put("python_env.yaml", yaml(pythonEnv()));
        files.put("conda.yaml", yaml(conda()));
        return files;
    }

    /** The content of {@code MLmodel} as a map. */
    public Map<String, Object> mlmodel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("artifact_path", artifactPath);
        model.put("flavors", flavors());
        model.put("metadata", Map.of(LocalModelCopy.DIRECTORY, LOCAL_COPY_NOTE));
        model.put("mlflow_version", MlflowServerVersion.mlflow());
        model.put("model_uuid", modelUuid);
        model.put("run_id", runId);
        if (signature != null) {
            model.put("signature", signature.toDict());
        }
        model.put("utc_time_created", utcTimeCreated());
        return model;
    }

    /** The {@code flavors} entry: {@code python_function} and {@code spark}. */
    public Map<String, Object> flavors() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("conda", "conda.yaml");
        env.put("virtualenv", "python_env.yaml");
        Map<String, Object> pyfunc = new LinkedHashMap<>();
        pyfunc.put("data", MODEL_DATA);
        pyfunc.put("env", env);
        pyfunc.put("loader_module", "mlflow.spark");
        pyfunc.put("python_version", pythonVersion);
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("code", null);
        spark.put("model_class", "pyspark.ml.pipeline.PipelineModel");
        spark.put("model_data", MODEL_DATA);
        spark.put("pyspark_version", MlflowServerVersion.spark());
        Map<String, Object> flavors = new LinkedHashMap<>();
        flavors.put("python_function", pyfunc);
        flavors.put("spark", spark);
        return flavors;
    }

    /** The creation time as Python's {@code str(datetime.utcnow())} writes it. */
    public String utcTimeCreated() {
        return PYTHON_UTC.format(created);
    }

    private static List<String> requirements() {
        return List.of("mlflow==" + MlflowServerVersion.mlflow(), "pyspark==" + MlflowServerVersion.spark());
    }

    private Map<String, Object> pythonEnv() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("python", pythonVersion);
        env.put("build_dependencies", List.of("pip", "setuptools", "wheel"));
        env.put("dependencies", List.of("-r requirements.txt"));
        return env;
    }

    private Map<String, Object> conda() {
        Map<String, Object> conda = new LinkedHashMap<>();
        conda.put("channels", List.of("conda-forge"));
        conda.put("dependencies", List.of("python=" + pythonVersion, "pip", Map.of("pip", requirements())));
        conda.put("name", "mlflow-env");
        return conda;
    }

    private static String yaml(Map<String, Object> content) {
        try {
            return YAML.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write YAML", e);
        }
    }
}
