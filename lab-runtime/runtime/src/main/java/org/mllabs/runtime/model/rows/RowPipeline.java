package org.mllabs.runtime.model.rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted Spark pipeline that scores one row at a time, giving for each row the value of the {@code prediction}
 * column that {@code PipelineModel.transform} gives it, or no answer when Spark would raise an error on the row or
 * leave it out. Built for the input columns a caller hands it; immutable, and safe to share between threads.
 */
public final class RowPipeline {

    /** The column every lab pipeline's predictor writes, and the answer. */
    public static final String PREDICTION = "prediction";

    private final String[] names;
    private final DataType[] types;
    private final List<RowStage> stages;

    private RowPipeline(StructType input, List<RowStage> stages) {
        this.names = input.fieldNames();
        this.types = new DataType[names.length];
        for (int i = 0; i < names.length; i++) {
            types[i] = input.fields()[i].dataType();
        }
        this.stages = List.copyOf(stages);
    }

    /**
     * The pipeline's per-row path, for rows of the given columns.
     *
     * @param model the fitted pipeline
     * @param input the columns of the rows it will be handed, in their order
     * @return the per-row path
     * @throws UnsupportedStageException when a stage has no per-row path, when Spark refuses the columns, or when the
     *     pipeline writes no {@value #PREDICTION} column
     */
    public static RowPipeline of(PipelineModel model, StructType input) throws UnsupportedStageException {
        try {
            model.transformSchema(input);
        } catch (RuntimeException e) {
            throw new UnsupportedStageException("Spark refuses the columns: " + e.getMessage());
        }
        Map<String, RowColumn> columns = new LinkedHashMap<>();
        for (StructField field : input.fields()) {
            columns.put(field.name(), SQLDataTypes.VectorType().equals(field.dataType()) ? RowColumn.unknownVector()
                    : RowColumn.scalar(field.dataType()));
        }
        if (columns.containsKey(PREDICTION)) {
            throw new UnsupportedStageException("The input already has a " + PREDICTION + " column");
        }
        List<RowStage> stages = new ArrayList<>();
        compile(model, columns, stages);
        RowColumn prediction = columns.get(PREDICTION);
        if (prediction == null || !DataTypes.DoubleType.equals(prediction.type())) {
            throw new UnsupportedStageException("No stage writes a " + PREDICTION + " column");
        }
        return new RowPipeline(input, stages);
    }

    private static void compile(PipelineModel model, Map<String, RowColumn> columns, List<RowStage> stages)
            throws UnsupportedStageException {
        for (Transformer stage : model.stages()) {
            if (stage instanceof PipelineModel nested) {
                compile(nested, columns, stages);
            } else {
                stages.add(compile(stage, columns));
            }
        }
    }

    private static RowStage compile(Transformer stage, Map<String, RowColumn> columns)
            throws UnsupportedStageException {
        if (stage instanceof StringIndexerModel indexer) {
            return StringIndexerRows.of(indexer, columns);
        } else if (stage instanceof OneHotEncoderModel encoder) {
            return OneHotEncoderRows.of(encoder, columns);
        } else if (stage instanceof ImputerModel imputer) {
            return ImputerRows.of(imputer, columns);
        } else if (stage instanceof VectorAssembler assembler) {
            return VectorAssemblerRows.of(assembler, columns);
        } else if (stage instanceof Interaction interaction) {
            return InteractionRows.of(interaction, columns);
        } else if (stage instanceof StandardScalerModel scaler) {
            return StandardScalerRows.of(scaler, columns);
        } else if (stage instanceof PredictionModel<?, ?> predictor && PredictorRows.supports(predictor)) {
            return PredictorRows.of(predictor, columns);
        }
        throw new UnsupportedStageException(stage.getClass().getSimpleName() + " (" + stage.uid()
                + ") has no per-row path");
    }

    /**
     * Scores one row.
     *
     * @param values the row's values in the order of the input columns, each of the Java class Spark's rows hold for
     *     its column's type, or null
     * @return the prediction {@code transform} gives the row, or empty when Spark must score it: it would raise an
     *     error or leave the row out, or a value is not of its column's class
     */
    public OptionalDouble predict(List<?> values) {
        if (values.size() != names.length) {
            throw new IllegalArgumentException(values.size() + " values for " + names.length + " columns");
        }
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            Object value = values.get(i);
            if (!SparkCasts.holds(types[i], value)) {
                return OptionalDouble.empty();
            }
            row.put(names[i], value);
        }
        for (RowStage stage : stages) {
            if (!stage.apply(row)) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of((Double) row.get(PREDICTION));
    }

    /**
     * Scores rows, all or none: Spark's {@code transform} must score the request when one of its rows needs it, or
     * when there are no rows.
     *
     * @param rows the rows, each as {@link #predict} takes it
     * @return each row's prediction, in row order, or empty when Spark must score them
     */
    public Optional<List<Double>> predictAll(List<? extends List<?>> rows) {
        List<Double> predictions = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            OptionalDouble prediction = predict(row);
            if (prediction.isEmpty()) {
                return Optional.empty();
            }
            predictions.add(prediction.getAsDouble());
        }
        return predictions.isEmpty() ? Optional.empty() : Optional.of(predictions);
    }
}
