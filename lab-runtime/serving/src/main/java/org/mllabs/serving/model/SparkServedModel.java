package org.mllabs.serving.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.model.rows.RowPipeline;
import org.mllabs.runtime.model.rows.UnsupportedStageException;
import org.mllabs.serving.scoring.ColumnType;
import org.mllabs.serving.scoring.InputSchema;
import org.mllabs.serving.scoring.ModelInput;

/**
 * A Spark ML pipeline scored as {@code mlflow.spark}'s {@code pyfunc} wrapper scores it: the rows become a Spark
 * DataFrame with the types {@code spark.createDataFrame} gives the pandas columns MLflow hands the model
 * ({@code float64} to double, {@code float32} to float, {@code int64} to long, {@code int32} to integer, {@code bool}
 * to boolean, strings to string), the pipeline transforms it, and the {@code prediction} column, in row order, is the
 * answer.
 *
 * <p>When every stage of the pipeline has a per-row path ({@link RowPipeline}, built once for each set of input
 * columns and types), the rows are scored there instead, without a Spark job, to the same predictions; a request with
 * a row that Spark would refuse or leave out, or a pipeline with another stage, is transformed by Spark, so that the
 * answer, or the error, is Spark's.
 */
public final class SparkServedModel implements ServedModel {

    private static final String PREDICTION = "prediction";

    private final SparkSession spark;
    private final PipelineModel model;
    private final Optional<InputSchema> schema;
    private final Map<StructType, Optional<RowPipeline>> rowPipelines = new ConcurrentHashMap<>();

    /**
     * @param spark the session to score in
     * @param model the pipeline
     * @param schema its signature's inputs, if it has a signature
     */
    public SparkServedModel(SparkSession spark, PipelineModel model, Optional<InputSchema> schema) {
        this.spark = spark;
        this.model = model;
        this.schema = schema;
    }

    @Override
    public Optional<InputSchema> schema() {
        return schema;
    }

    @Override
    public List<Object> predict(ModelInput input) {
        StructType columns = columns(input);
        Optional<List<Double>> perRow = rowPipelines.computeIfAbsent(columns, this::rowPipeline)
                .flatMap(pipeline -> pipeline.predictAll(input.rows()));
        return perRow.isPresent() ? new ArrayList<>(perRow.get()) : transform(input, columns);
    }

    @Override
    public List<Object> predictWithReferencePath(ModelInput input) {
        return transform(input, columns(input));
    }

    private static StructType columns(ModelInput input) {
        StructType columns = new StructType();
        for (int i = 0; i < input.columns().size(); i++) {
            columns = columns.add(input.columns().get(i), sparkType(input.types().get(i)), true);
        }
        return columns;
    }

    private List<Object> transform(ModelInput input, StructType columns) {
        List<Row> rows = new ArrayList<>();
        for (List<Object> row : input.rows()) {
            rows.add(RowFactory.create(row.toArray()));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, columns);
        List<Object> predictions = new ArrayList<>();
        for (Row row : model.transform(frame).select(PREDICTION).collectAsList()) {
            predictions.add(row.get(0));
        }
        return predictions;
    }

    private Optional<RowPipeline> rowPipeline(StructType columns) {
        try {
            return Optional.of(RowPipeline.of(model, columns));
        } catch (UnsupportedStageException e) {
            return Optional.empty();
        }
    }

    private static DataType sparkType(ColumnType type) {
        return switch (type) {
            case DOUBLE -> DataTypes.DoubleType;
            case FLOAT -> DataTypes.FloatType;
            case LONG -> DataTypes.LongType;
            case INTEGER -> DataTypes.IntegerType;
            case BOOLEAN -> DataTypes.BooleanType;
            case STRING -> DataTypes.StringType;
        };
    }
}
