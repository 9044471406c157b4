package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.server.MlflowServerVersion;

/**
 * The structure Python's {@code mlflow.spark.log_model} (MLflow 3.17.2) writes for a {@code PipelineModel}, compared
 * field by field with ours. Python's {@code MLmodel} has these top-level keys, sorted:
 * {@code artifact_path, flavors, is_signature_from_type_hint, mlflow_version, model_id, model_size_bytes, model_uuid,
 * prompts, run_id, signature, type_hint_from_example, utc_time_created}. We write the same ones except
 * {@code model_id} (it would name a logged model that does not exist on the server), {@code prompts},
 * {@code is_signature_from_type_hint}, {@code type_hint_from_example} (defaults the loader assumes when absent) and
 * {@code model_size_bytes} (informational), and add {@code metadata}, which Python writes when a model is logged with
 * {@code metadata=...}, to say what the {@code sparkml-local/} folder is.
 */
class MlModelFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Instant CREATED = Instant.parse("2026-11-21T17:44:38.517399Z");

    private final MlModelFiles files = new MlModelFiles("model", "0123456789abcdef0123456789abcdef",
            "d0790d003950402c8085164f8818a440", CREATED,
            new ModelSignature("[{\"type\": \"double\", \"name\": \"x\", \"required\": true}]",
                    "[{\"type\": \"double\", \"name\": \"prediction\", \"required\": true}]"),
            "3.11");

    private final Map<String, String> rendered = files.render();

    @Test
    void writesTheFourFilesPythonWritesBesideSparkml() {
        assertThat(rendered.keySet()).containsExactly("MLmodel", "requirements.txt", "python_env.yaml", "conda.yaml");
    }

    @Test
    void mlmodelHasPythonsTopLevelKeysInPythonsOrderWithoutModelId() throws Exception {
        JsonNode mlmodel = YAML.readTree(rendered.get("MLmodel"));

        assertThat(fieldNames(mlmodel)).containsExactly("artifact_path", "flavors", "metadata", "mlflow_version",
                "model_uuid", "run_id", "signature", "utc_time_created");
        assertThat(mlmodel.path("metadata").path("sparkml-local").asText()).contains("sparkml/");
        assertThat(rendered.get("MLmodel")).doesNotContain("model_id");
        assertThat(mlmodel.get("artifact_path").asText()).isEqualTo("model");
        assertThat(mlmodel.get("mlflow_version").asText()).isEqualTo(MlflowServerVersion.mlflow());
        assertThat(mlmodel.get("model_uuid").asText()).isEqualTo("d0790d003950402c8085164f8818a440");
        assertThat(mlmodel.get("run_id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void sparkFlavorMatchesPythons() throws Exception {
        JsonNode spark = YAML.readTree(rendered.get("MLmodel")).path("flavors").path("spark");

        assertThat(fieldNames(spark)).containsExactly("code", "model_class", "model_data", "pyspark_version");
        assertThat(spark.get("code").isNull()).isTrue();
        assertThat(spark.get("model_class").asText()).isEqualTo("pyspark.ml.pipeline.PipelineModel");
        assertThat(spark.get("model_data").asText()).isEqualTo("sparkml");
        assertThat(spark.get("pyspark_version").asText()).isEqualTo(MlflowServerVersion.spark());
    }

    @Test
    void pythonFunctionFlavorMatchesPythons() throws Exception {
        JsonNode pyfunc = YAML.readTree(rendered.get("MLmodel")).path("flavors").path("python_function");

        assertThat(fieldNames(pyfunc)).containsExactly("data", "env", "loader_module", "python_version");
        assertThat(pyfunc.get("data").asText()).isEqualTo("sparkml");
        assertThat(pyfunc.path("env").get("conda").asText()).isEqualTo("conda.yaml");
        assertThat(pyfunc.path("env").get("virtualenv").asText()).isEqualTo("python_env.yaml");
        assertThat(pyfunc.get("loader_module").asText()).isEqualTo("mlflow.spark");
        assertThat(pyfunc.get("python_version").isTextual()).isTrue();
        assertThat(pyfunc.get("python_version").asText()).isEqualTo("3.11");
    }

    @Test
    void signatureKeepsItsJsonStringsAndNullParams() throws Exception {
        JsonNode signature = YAML.readTree(rendered.get("MLmodel")).path("signature");

        assertThat(fieldNames(signature)).containsExactly("inputs", "outputs", "params");
        assertThat(signature.get("inputs").asText())
                .isEqualTo("[{\"type\": \"double\", \"name\": \"x\", \"required\": true}]");
        assertThat(signature.get("params").isNull()).isTrue();
    }

    @Test
    void creationTimeIsPythonsUtcStringAndQuotedSoYamlDoesNotReadADate() {
        assertThat(files.utcTimeCreated()).isEqualTo("2026-11-21 17:44:38.517399");
        assertThat(rendered.get("MLmodel")).contains("utc_time_created: \"2026-11-21 17:44:38.517399\"");
    }

    @Test
    void requirementsPinMlflowAndPyspark() {
        assertThat(rendered.get("requirements.txt").lines()).containsExactly(
                "mlflow==" + MlflowServerVersion.mlflow(), "pyspark==" + MlflowServerVersion.spark());
    }

    @Test
    void pythonEnvNamesPythonAndTheRequirements() throws Exception {
        JsonNode env = YAML.readTree(rendered.get("python_env.yaml"));

        assertThat(fieldNames(env)).containsExactly("python", "build_dependencies", "dependencies");
        assertThat(env.get("python").asText()).isEqualTo("3.11");
        assertThat(texts(env.get("build_dependencies"))).containsExactly("pip", "setuptools", "wheel");
        assertThat(texts(env.get("dependencies"))).containsExactly("-r requirements.txt");
    }

    @Test
    void condaEnvHasPythonPipAndTheRequirements() throws Exception {
        JsonNode conda = YAML.readTree(rendered.get("conda.yaml"));

        assertThat(texts(conda.get("channels"))).containsExactly("conda-forge");
        assertThat(conda.get("name").asText()).isEqualTo("mlflow-env");
        JsonNode dependencies = conda.get("dependencies");
        assertThat(dependencies.get(0).asText()).isEqualTo("python=3.11");
        assertThat(dependencies.get(1).asText()).isEqualTo("pip");
        assertThat(texts(dependencies.get(2).get("pip"))).containsExactly(
                "mlflow==" + MlflowServerVersion.mlflow(), "pyspark==" + MlflowServerVersion.spark());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
