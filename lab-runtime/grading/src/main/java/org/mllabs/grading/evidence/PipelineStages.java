package org.mllabs.grading.evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.StructType;

/**
 * The stages of a fitted Spark {@link PipelineModel} and the columns that flow between them: what each stage reads and
 * writes, which stage wrote a column, and which columns a column derives from. Graders check a learner's pipeline by
 * what it does with the data, whatever the learner named the columns: "the classifier reads the scaler's output",
 * "the interaction derives from {@code contract} and {@code monthly_charges}".
 *
 * <p>A stage reads the columns its {@code inputCol}, {@code inputCols} and {@code featuresCol} params name, and
 * writes the columns its {@code transformSchema} adds; a stage that maps {@code inputCols} to {@code outputCols} makes
 * each output from the input at its place. A stage configured otherwise (a {@code SQLTransformer}) is seen
 * writing its columns but reading none. Pipelines nested as stages are flattened into their stages.
 */
public final class PipelineStages {

    private static final List<String> INPUT_PARAMS = List.of("inputCol", "inputCols", "featuresCol");

    private final List<Stage> stages;

    private PipelineStages(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * One stage of the pipeline.
     *
     * @param position its index among the flattened stages, from 0
     * @param transformer the fitted stage
     * @param inputs the columns it reads
     * @param outputs the columns it adds
     */
    public record Stage(int position, Transformer transformer, List<String> inputs, List<String> outputs) {

        public Stage {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /** What the stage is, named as its estimator: {@code ImputerModel} is an {@code Imputer}. */
        public String kind() {
            String name = transformer.getClass().getSimpleName();
            return name.endsWith("Model") ? name.substring(0, name.length() - "Model".length()) : name;
        }

        /** Whether the stage is of the type. */
        public boolean is(Class<?> type) {
            return type.isInstance(transformer);
        }

        /** The stage as the type. */
        public <T> T as(Class<T> type) {
            return type.cast(transformer);
        }

        /**
         * The columns the stage makes one of its outputs from: for a stage that maps columns one to one
         * ({@code inputCols} to {@code outputCols}, as an Imputer or a StringIndexer of several columns does), the
         * input at the output's place; for any other stage, every input.
         */
        public List<String> inputsOf(String output) {
            List<String> from = columns(transformer, "inputCols");
            List<String> to = columns(transformer, "outputCols");
            int place = to.indexOf(output);
            return from.size() == to.size() && place >= 0 ? List.of(from.get(place)) : inputs;
        }

        /** Such as {@code Imputer(monthly_charges -> monthly_charges_imputed)}. */
        @Override
        public String toString() {
            return kind() + "(" + String.join(", ", inputs) + " -> " + String.join(", ", outputs) + ")";
        }
    }

    /**
     * Reads a fitted pipeline.
     *
     * @param model the pipeline
     * @param input the schema of the data it transforms
     * @throws IllegalArgumentException when the pipeline cannot transform data of that schema
     */
    public static PipelineStages of(PipelineModel model, StructType input) {
        List<Stage> stages = new ArrayList<>();
        StructType schema = input;
        for (Transformer transformer : flatten(model)) {
            StructType after = transformer.transformSchema(schema);
            Set<String> before = Set.of(schema.fieldNames());
            List<String> added = Arrays.stream(after.fieldNames()).filter(name -> !before.contains(name)).toList();
            stages.add(new Stage(stages.size(), transformer, inputsOf(transformer), added));
            schema = after;
        }
        return new PipelineStages(stages);
    }

    /** The stages, in order. */
    public List<Stage> stages() {
        return stages;
    }

    /** The stages of the type, in order. */
    public List<Stage> ofType(Class<?> type) {
        return stages.stream().filter(stage -> stage.is(type)).toList();
    }

    /** The last stage, which is empty only for a pipeline without stages. */
    public Optional<Stage> last() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /** The stage that writes the column; empty for a column of the input data. */
    public Optional<Stage> producer(String column) {
        return stages.stream().filter(stage -> stage.outputs().contains(column)).findFirst();
    }

    /** The stages that read the column, in order. */
    public List<Stage> readers(String column) {
        return stages.stream().filter(stage -> stage.inputs().contains(column)).toList();
    }

    /**
     * Every column the column is made from, through any number of stages, the column itself included: the columns
     * its stage read, the columns theirs read, down to columns of the input data.
     */
    public Set<String> upstream(String column) {
        Set<String> columns = new LinkedHashSet<>();
        collectUpstream(column, columns);
        return columns;
    }

    /** The columns of the input data that the column is made from: itself, when it is one. */
    public Set<String> sources(String column) {
        return upstream(column).stream().filter(name -> producer(name).isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The stages' kinds, in order, such as {@code [Imputer, StringIndexer, LogisticRegression]}. */
    public List<String> kinds() {
        return stages.stream().map(Stage::kind).toList();
    }

    @Override
    public String toString() {
        return stages.stream().map(Stage::toString).collect(Collectors.joining(", "));
    }

    private void collectUpstream(String column, Set<String> columns) {
        if (columns.add(column)) {
            producer(column).ifPresent(stage -> stage.inputsOf(column)
                    .forEach(input -> collectUpstream(input, columns)));
        }
    }

    private static List<Transformer> flatten(PipelineModel model) {
        List<Transformer> transformers = new ArrayList<>();
        for (Transformer transformer : model.stages()) {
            if (transformer instanceof PipelineModel nested) {
                transformers.addAll(flatten(nested));
            } else {
                transformers.add(transformer);
            }
        }
        return transformers;
    }

    private static List<String> inputsOf(Transformer transformer) {
        List<String> inputs = new ArrayList<>();
        INPUT_PARAMS.forEach(name -> inputs.addAll(columns(transformer, name)));
        return inputs;
    }

    /** The columns a param names (a column or an array of them); none when the stage has no such param set. */
    private static List<String> columns(Transformer transformer, String paramName) {
        if (!transformer.hasParam(paramName)) {
            return List.of();
        }
        Param<Object> param = transformer.getParam(paramName);
        if (!transformer.isDefined(param)) {
            return List.of();
        }
        Object value = transformer.getOrDefault(param);
        return value instanceof String[] names ? List.of(names) : List.of((String) value);
    }
}
