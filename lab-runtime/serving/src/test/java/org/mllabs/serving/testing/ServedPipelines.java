package org.mllabs.serving.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.TestRuns;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;

/**
 * A small churn problem and a Spark pipeline for it (a string indexer, a one-hot encoder, an assembler, a logistic
 * regression), registered as versions of a three-part model name, for the serving tests.
 */
public final class ServedPipelines {

    /** The columns a request carries: {@code tenure} double, {@code plan} string, {@code calls} long. */
    public static final StructType FEATURES = new StructType().add("tenure", DataTypes.DoubleType, false)
            .add("plan", DataTypes.StringType, false).add("calls", DataTypes.LongType, false);

    private ServedPipelines() {
    }

    /** A new registered model name under {@code main.serving_it}. */
    public static String newModelName() {
        return "main.serving_it." + TestRuns.uniqueName("churn").replace('-', '_');
    }

    /** Rows whose label depends on the features with noise, from a seed; with a {@code label} column or without. */
    public static Dataset<Row> rows(SparkSession spark, int count, long seed, boolean labelled) {
        Random random = new Random(seed);
        String[] plans = {"basic", "plus", "premium"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double tenure = Math.round(random.nextDouble() * 7200) / 100.0;
            String plan = plans[random.nextInt(plans.length)];
            long calls = random.nextInt(10);
            double score = -0.08 * tenure + (plan.equals("basic") ? 1.0 : 0.0) + 0.4 * calls - 1
                    + random.nextGaussian();
            rows.add(labelled ? RowFactory.create(tenure, plan, calls, score > 0 ? 1.0 : 0.0)
                    : RowFactory.create(tenure, plan, calls));
        }
        StructType schema = labelled ? FEATURES.add("label", DataTypes.DoubleType, false) : FEATURES;
        return spark.createDataFrame(rows, schema);
    }

    /** The pipeline fitted with this regularisation. */
    public static PipelineModel fit(Dataset<Row> training, double regParam) {
        return new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("plan").setOutputCol("plan_index"),
            new OneHotEncoder().setInputCol("plan_index").setOutputCol("plan_vector"),
            new VectorAssembler().setInputCols(new String[] {"tenure", "plan_vector", "calls"})
                    .setOutputCol("features"),
            new LogisticRegression().setRegParam(regParam).setMaxIter(30)}).fit(training);
    }

    /**
     * Logs a pipeline in a new run and registers it as the next version of a model.
     *
     * @param signed whether the logged model has a signature
     */
    public static void register(LabMlflow mlflow, SparkModels models, String name, PipelineModel pipeline,
            Dataset<Row> training, boolean signed) {
        String runId = TestRuns.newRun(mlflow, "serving");
        models.log(runId, pipeline, signed ? ModelSignature.infer(FEATURES,
                pipeline.transform(training).select("prediction").schema()) : null);
        models.register(name, runId, "model");
    }

    /** The rows as {@code dataframe_records}. */
    public static List<Map<String, Object>> records(Dataset<Row> rows) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            records.add(Map.of("tenure", row.getDouble(0), "plan", row.getString(1), "calls", row.getLong(2)));
        }
        return records;
    }

    /** The pipeline's own predictions of the rows, in row order. */
    public static List<Double> predictions(PipelineModel pipeline, Dataset<Row> rows) {
        return pipeline.transform(rows).select("prediction").collectAsList().stream().map(row -> row.getDouble(0))
                .toList();
    }
}
