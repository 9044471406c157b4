package org.mllabs.grading.evidence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.RFormulaModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The stages of a fitted Spark {@link PipelineModel} and the columns that flow between them: what each stage reads and
 * writes, which stage wrote a column, and which columns a column derives from. Graders check a learner's pipeline by
 * what it does with the data, whatever the learner named the columns: "the classifier reads the scaler's output",
 * "the interaction derives from {@code contract} and {@code monthly_charges}", "no feature derives from the label".
 *
 * <p>Each stage is traced by what it is, never by its column names:
 * <ul>
 *   <li>a feature transformer of {@code org.apache.spark.ml.feature} and a predictor read the columns their
 *       {@code inputCol}, {@code inputCols} and {@code featuresCol} params name, and write the columns their
 *       {@code transformSchema} adds; a stage that maps {@code inputCols} to {@code outputCols} makes each output from
 *       the input at its place. A feature transformer with a {@code labelCol} (a target encoder, a selector) is fitted
 *       on the label's values, so its outputs are made from the label too;</li>
 *   <li>a {@code SQLTransformer} writes every column its statement does not pass through untouched, new or replacing
 *       one, each made from the columns Spark's analyser finds behind it ({@link SqlLineage});</li>
 *   <li>an {@code RFormula} makes its features from the formula's terms and its label from the formula's label;</li>
 *   <li>any other stage, or one whose statement Spark cannot analyse, is untraced ({@link Stage#traced()} false):
 *       it may read every column it is given and write any, so a check that needs to know where a column comes from
 *       must not take it as clean.</li>
 * </ul>
 * Pipelines nested as stages are flattened into their stages.
 */
public final class PipelineStages {

    private static final List<String> INPUT_PARAMS = List.of("inputCol", "inputCols", "featuresCol");
    private static final String FEATURE_PACKAGE = "org.apache.spark.ml.feature";

    private final List<Stage> stages;
    private final List<String> dataColumns;

    private PipelineStages(List<Stage> stages, List<String> dataColumns) {
        this.stages = List.copyOf(stages);
        this.dataColumns = List.copyOf(dataColumns);
    }

    /**
     * One stage of the pipeline.
     *
     * @param position its index among the flattened stages, from 0
     * @param transformer the fitted stage
     * @param inputs the columns it reads
     * @param outputs the columns it writes: the ones it adds, and those it replaces
     * @param madeFrom for each output, the columns it is made from
     * @param traced whether the stage is of a kind whose reading and writing is known; an untraced stage is taken to
     *     read every column it is given
     */
    public record Stage(int position, Transformer transformer, List<String> inputs, List<String> outputs,
                        Map<String, List<String>> madeFrom, boolean traced) {

        public Stage {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            madeFrom = Map.copyOf(madeFrom);
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
         * input at the output's place; for a SQLTransformer, the columns behind the output's expression; for any other
         * stage, every input.
         */
        public List<String> inputsOf(String output) {
            return madeFrom.getOrDefault(output, inputs);
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
     * @throws UnscorableModelException when a SQLTransformer's statement does more than compute columns of its rows
     *     ({@link SqlStatementCheck}), before Spark analyses it
     */
    public static PipelineStages of(PipelineModel model, StructType input) {
        SqlStatementCheck.requireSafe(model, input, Optional.empty(),
                model instanceof SignatureBoundModel bound ? bound.source() : "the pipeline");
        List<Stage> stages = new ArrayList<>();
        StructType schema = input;
        for (Transformer transformer : flatten(model)) {
            StructType after = transformer.transformSchema(schema);
            stages.add(stage(stages.size(), transformer, schema, after));
            schema = after;
        }
        return new PipelineStages(stages, List.of(input.fieldNames()));
    }

    /** The stages, in order. */
    public List<Stage> stages() {
        return stages;
    }

    /** The columns of the data the pipeline transforms. */
    public List<String> dataColumns() {
        return dataColumns;
    }

    /** The stages of the type, in order. */
    public List<Stage> ofType(Class<?> type) {
        return stages.stream().filter(stage -> stage.is(type)).toList();
    }

    /** The stages whose reading and writing is not known, in order. */
    public List<Stage> untraced() {
        return stages.stream().filter(stage -> !stage.traced()).toList();
    }

    /** The last stage, which is empty only for a pipeline without stages. */
    public Optional<Stage> last() {
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /** The first stage that writes the column; empty for a column of the input data no stage replaces. */
    public Optional<Stage> producer(String column) {
        return stages.stream().filter(stage -> stage.outputs().contains(column)).findFirst();
    }

    /** The stages that read the column, in order. */
    public List<Stage> readers(String column) {
        return stages.stream().filter(stage -> stage.inputs().contains(column)).toList();
    }

    /**
     * Every column the column is made from, through any number of stages, the column itself included: the columns
     * the stages that write it read, the columns theirs read, down to columns of the input data.
     */
    public Set<String> upstream(String column) {
        Set<String> columns = new LinkedHashSet<>();
        collectUpstream(column, columns);
        return columns;
    }

    /** The columns of the input data that the column is made from: itself, when it is one. */
    public Set<String> sources(String column) {
        return upstream(column).stream().filter(dataColumns::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * How the column is made from a column upstream of it: the columns from {@code column} down to {@code source},
     * each made from the next; empty when it is not made from it.
     */
    public List<String> path(String column, String source) {
        Map<String, String> madeInto = new HashMap<>();
        Deque<String> next = new ArrayDeque<>(List.of(column));
        Set<String> seen = new LinkedHashSet<>(next);
        while (!next.isEmpty()) {
            String current = next.poll();
            if (current.equals(source)) {
                List<String> path = new ArrayList<>();
                for (String step = source; step != null; step = madeInto.get(step)) {
                    path.add(0, step);
                }
                return path;
            }
            for (String input : madeFrom(current)) {
                if (seen.add(input)) {
                    madeInto.put(input, current);
                    next.add(input);
                }
            }
        }
        return List.of();
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
            madeFrom(column).forEach(input -> collectUpstream(input, columns));
        }
    }

    /** The columns the stages that write the column make it from. */
    private List<String> madeFrom(String column) {
        return stages.stream().filter(stage -> stage.outputs().contains(column))
                .flatMap(stage -> stage.inputsOf(column).stream()).distinct().toList();
    }

    private static Stage stage(int position, Transformer transformer, StructType before, StructType after) {
        Set<String> present = Set.of(before.fieldNames());
        List<String> added = Arrays.stream(after.fieldNames()).filter(name -> !present.contains(name)).toList();
        if (transformer instanceof SQLTransformer sql) {
            try {
                Map<String, List<String>> written = SqlLineage.of(sql, before);
                Set<String> read = new LinkedHashSet<>();
                written.values().forEach(read::addAll);
                return new Stage(position, transformer, List.copyOf(read), List.copyOf(written.keySet()), written,
                        true);
            } catch (RuntimeException e) {
                return untraced(position, transformer, before, added);
            }
        }
        if (transformer instanceof RFormulaModel formula) {
            return formula(position, formula, added);
        }
        if (!(transformer instanceof PredictionModel<?, ?>)
                && !transformer.getClass().getPackageName().equals(FEATURE_PACKAGE)) {
            return untraced(position, transformer, before, added);
        }
        List<String> inputs = new ArrayList<>();
        INPUT_PARAMS.forEach(name -> columns(transformer, name).stream()
                .filter(present::contains).forEach(inputs::add));
        List<String> label = transformer instanceof PredictionModel<?, ?> ? List.of()
                : columns(transformer, "labelCol").stream().filter(present::contains).toList();
        inputs.addAll(label);
        Map<String, List<String>> madeFrom = new LinkedHashMap<>();
        List<String> from = columns(transformer, "inputCols");
        List<String> to = columns(transformer, "outputCols");
        boolean labelled = !label.isEmpty();
        for (String output : added) {
            int place = to.indexOf(output);
            madeFrom.put(output, from.size() == to.size() && place >= 0 && !labelled ? List.of(from.get(place))
                    : inputs);
        }
        return new Stage(position, transformer, inputs, added, madeFrom, true);
    }

    /** An RFormula: its features from the formula's terms, its label from the formula's label. */
    private static Stage formula(int position, RFormulaModel formula, List<String> added) {
        Set<String> terms = new LinkedHashSet<>();
        CollectionConverters.asJava(formula.resolvedFormula().terms())
                .forEach(term -> terms.addAll(CollectionConverters.asJava(term)));
        String label = formula.resolvedFormula().label();
        Map<String, List<String>> madeFrom = new LinkedHashMap<>();
        for (String output : added) {
            madeFrom.put(output, output.equals(formula.getLabelCol()) ? List.of(label) : List.copyOf(terms));
        }
        List<String> inputs = new ArrayList<>(terms);
        if (!label.isEmpty() && !terms.contains(label)) {
            inputs.add(label);
        }
        return new Stage(position, formula, inputs, added, madeFrom, true);
    }

    /** A stage of a kind not known: it may read every column it is given. */
    private static Stage untraced(int position, Transformer transformer, StructType before, List<String> added) {
        List<String> every = List.of(before.fieldNames());
        Map<String, List<String>> madeFrom = new LinkedHashMap<>();
        added.forEach(output -> madeFrom.put(output, every));
        return new Stage(position, transformer, every, added, madeFrom, false);
    }

    /** The pipeline's stages, with the stages of pipelines nested in it in their place. */
    static List<Transformer> flatten(PipelineModel model) {
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
