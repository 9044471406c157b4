package org.mllabs.grading.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mllabs.runtime.model.ModelSignature;

/**
 * The signature a logged model declares in its {@code MLmodel} file: the columns it takes and the columns it returns,
 * each with a name and an MLflow type ({@code double}, {@code integer}, {@code string}, {@code sparkml_vector} ...).
 * MLflow writes each side as a JSON string of column specs inside the YAML file, as {@link ModelSignature} does.
 *
 * <pre>{@code
 * Optional<LoggedSignature> logged = runs.artifact(run, "model/MLmodel").flatMap(LoggedSignature::parse);
 * LoggedSignature expected = LoggedSignature.of(ModelSignature.infer(features, predictions));
 * }</pre>
 *
 * @param inputs the input columns, in the file's order
 * @param outputs the output columns, in the file's order
 */
public record LoggedSignature(List<Column> inputs, List<Column> outputs) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One column of a signature.
     *
     * @param name its name; empty for a tensor spec, which has none
     * @param type its MLflow type, such as {@code double}
     */
    public record Column(String name, String type) {
    }

    public LoggedSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * The signature of an {@code MLmodel} file; empty when the file has none.
     *
     * @throws IllegalArgumentException when the file is not YAML or a side of the signature is not a JSON list of
     *     column specs, saying which
     */
    public static Optional<LoggedSignature> parse(byte[] mlmodel) {
        JsonNode signature;
        try {
            signature = YAML.readTree(mlmodel).path("signature");
        } catch (IOException e) {
            throw new IllegalArgumentException("The MLmodel file is not YAML: " + e.getMessage(), e);
        }
        if (signature.isMissingNode() || signature.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new LoggedSignature(columns(signature.path("inputs"), "inputs"),
                columns(signature.path("outputs"), "outputs")));
    }

    /** The signature as it would be logged: what a grader expects, from the schemas of the expected columns. */
    public static LoggedSignature of(ModelSignature signature) {
        return new LoggedSignature(columns(signature.inputs(), "inputs"), columns(signature.outputs(), "outputs"));
    }

    /** The names of the input columns, in order. */
    public List<String> inputNames() {
        return inputs.stream().map(Column::name).toList();
    }

    /** The names of the output columns, in order. */
    public List<String> outputNames() {
        return outputs.stream().map(Column::name).toList();
    }

    private static List<Column> columns(JsonNode side, String which) {
        if (side.isMissingNode() || side.isNull()) {
            return List.of();
        }
        return columns(side.asText(), which);
    }

    private static List<Column> columns(String specs, String which) {
        JsonNode list;
        try {
            list = JSON.readTree(specs);
        } catch (IOException e) {
            throw new IllegalArgumentException("The signature's " + which + " are not JSON: " + specs, e);
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("The signature's " + which + " are not a list of column specs: "
                    + specs);
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode spec : list) {
            columns.add(new Column(spec.path("name").asText(""), spec.path("type").asText("")));
        }
        return columns;
    }
}
