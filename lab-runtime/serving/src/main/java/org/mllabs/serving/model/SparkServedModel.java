package org.mllabs.serving.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.serving.scoring.ColumnType;
import org.mllabs.serving.scoring.InputSchema;
import org.mllabs.serving.scoring.ModelInput;

/**
 * A Spark ML pipeline scored as {@code mlflow.spark}'s {@code pyfunc} wrapper scores it: the rows become a Spark
 * DataFrame with the types {@code spark.createDataFrame} gives the pandas columns MLflow hands the model
 * ({@code float64} to double, {@code float32} to float, {@code int64} to long, {@code int32} to integer, {@code bool}
 * to boolean, strings to string), the pipeline transforms it, and the {@code prediction} column, in row order, is the
 * answer.
 */
public final class SparkServedModel implements ServedModel {

    private static final String PREDICTION = "prediction";

    private final SparkSession spark;
    private final PipelineModel model;
    private final Optional<InputSchema> schema;

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
        StructType columns = new StructType();
        for (int i = 0; i < input.columns().size(); i++) {
            columns = columns.add(input.columns().get(i), sparkType(input.types().get(i)), true);
        }
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
