package org.mllabs.runtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A small classification problem and its pipeline, for the tests that log and load Spark models. */
final class ExampleModels {

    static final String[] FEATURES = {"tenure", "charges", "calls"};

    private static final StructType SCHEMA = new StructType()
            .add("tenure", DataTypes.DoubleType, false)
            .add("charges", DataTypes.DoubleType, false)
            .add("calls", DataTypes.DoubleType, false)
            .add("label", DataTypes.DoubleType, false);

    private ExampleModels() {
    }

    /** Rows whose label depends on the three features with noise, generated from a seed. */
    static Dataset<Row> rows(SparkSession spark, int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double tenure = random.nextDouble() * 72;
            double charges = 20 + random.nextDouble() * 100;
            double calls = random.nextInt(10);
            double score = -0.08 * tenure + 0.03 * charges + 0.4 * calls - 1.5 + random.nextGaussian();
            rows.add(RowFactory.create(tenure, charges, calls, score > 0 ? 1.0 : 0.0));
        }
        return spark.createDataFrame(rows, SCHEMA).coalesce(1);
    }

    /** A fitted VectorAssembler + LogisticRegression pipeline. */
    static PipelineModel fit(Dataset<Row> training, double regParam) {
        VectorAssembler assembler = new VectorAssembler().setInputCols(FEATURES).setOutputCol("features");
        LogisticRegression classifier = new LogisticRegression().setMaxIter(50).setRegParam(regParam);
        return new Pipeline().setStages(new PipelineStage[] {assembler, classifier}).fit(training);
    }

    /** The model's signature: the feature columns in, the prediction out. */
    static ModelSignature signature(PipelineModel model, Dataset<Row> data) {
        return ModelSignature.infer(data.select(FEATURES[0], FEATURES[1], FEATURES[2]).schema(),
                model.transform(data).select("prediction").schema());
    }

    /** Each row's prediction followed by its class probabilities, in row order. */
    static List<double[]> predictions(PipelineModel model, Dataset<Row> data) {
        List<double[]> result = new ArrayList<>();
        for (Row row : model.transform(data).select("prediction", "probability").collectAsList()) {
            double[] probability = ((Vector) row.get(1)).toArray();
            double[] values = new double[probability.length + 1];
            values[0] = row.getDouble(0);
            System.arraycopy(probability, 0, values, 1, probability.length);
            result.add(values);
        }
        return result;
    }
}
