package org.mllabs.runtime.model.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * The per-row path gives exactly the prediction Spark's {@code transform} gives, row by row, for hand-built pipelines
 * on generated data with unseen labels, nulls and NaNs; and it answers no row on which Spark raises an error or that
 * Spark leaves out.
 */
@ExtendWith(SparkExtension.class)
class RowPipelineTest {

    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("plan", DataTypes.StringType, true)
            .add("region", DataTypes.StringType, true)
            .add("tenure", DataTypes.IntegerType, true)
            .add("charges", DataTypes.DoubleType, true)
            .add("ratio", DataTypes.FloatType, true)
            .add("calls", DataTypes.LongType, true)
            .add("label", DataTypes.DoubleType, false)
            .add("classes", DataTypes.DoubleType, false)
            .add("amount", DataTypes.DoubleType, false);
    private static final String[] PLANS = {"basic", "plus", "pro"};
    private static final String[] REGIONS = {"north", "south", "east", "west"};
    /** How many of the rows the per-row path leaves to Spark are each scored alone by Spark, to see it refuse them. */
    private static final int REFUSALS_CHECKED = 6;

    @Test
    void lenientFeaturesGiveTransformsPredictionForEveryPredictorOnEveryRow(SparkSession spark) {
        Dataset<Row> training = rows(spark, 400, 1L, false);
        Dataset<Row> scored = rows(spark, 300, 2L, true);
        List<PipelineStage> predictors = List.of(
                new LogisticRegression().setFeaturesCol("scaled").setMaxIter(30),
                new LogisticRegression().setFeaturesCol("scaled").setLabelCol("classes").setFamily("multinomial")
                        .setMaxIter(30),
                new LogisticRegression().setFeaturesCol("scaled").setMaxIter(30).setThreshold(0.3),
                new DecisionTreeClassifier().setFeaturesCol("scaled").setLabelCol("classes").setMaxDepth(4),
                new RandomForestClassifier().setFeaturesCol("scaled").setNumTrees(5).setMaxDepth(4).setSeed(3L),
                new RandomForestClassifier().setFeaturesCol("scaled").setNumTrees(5).setSeed(3L)
                        .setRawPredictionCol("").setThresholds(new double[] {0.3, 0.7}),
                new GBTClassifier().setFeaturesCol("scaled").setMaxIter(5).setMaxDepth(3).setSeed(3L),
                new LinearRegression().setFeaturesCol("scaled").setLabelCol("amount").setMaxIter(30),
                new DecisionTreeRegressor().setFeaturesCol("scaled").setLabelCol("amount").setMaxDepth(4),
                new RandomForestRegressor().setFeaturesCol("scaled").setLabelCol("amount").setNumTrees(5)
                        .setSeed(3L),
                new GBTRegressor().setFeaturesCol("scaled").setLabelCol("amount").setMaxIter(5).setSeed(3L));
        for (PipelineStage predictor : predictors) {
            List<PipelineStage> stages = new ArrayList<>(lenientFeatures());
            stages.add(predictor);
            PipelineModel model = fit(stages, training);

            int leftToSpark = assertSameAsTransform(model, scored);

            assertThat(leftToSpark).as("rows left to Spark by %s", predictor).isZero();
        }
    }

    @Test
    void strictFeaturesLeaveToSparkTheRowsItRefuses(SparkSession spark) {
        Dataset<Row> training = rows(spark, 400, 4L, false).na().drop(new String[] {"plan", "charges"});
        Dataset<Row> scored = rows(spark, 200, 5L, true);
        List<PipelineStage> stages = List.of(
                new StringIndexer().setInputCol("plan").setOutputCol("plan_index"),
                new OneHotEncoder().setInputCol("plan_index").setOutputCol("plan_vector"),
                new Imputer().setInputCols(new String[] {"calls"}).setOutputCols(new String[] {"calls_filled"})
                        .setStrategy("median").setMissingValue(0.0),
                new VectorAssembler().setInputCols(new String[] {"plan_vector", "charges", "calls_filled"})
                        .setOutputCol("features"),
                new StandardScaler().setInputCol("features").setOutputCol("scaled"),
                new GBTRegressor().setFeaturesCol("scaled").setLabelCol("amount").setMaxIter(5).setSeed(3L));
        PipelineModel model = fit(stages, training);

        int leftToSpark = assertSameAsTransform(model, scored);

        assertThat(leftToSpark).isPositive();
    }

    @Test
    void skippedRowsAreLeftToSpark(SparkSession spark) {
        Dataset<Row> training = rows(spark, 400, 6L, false);
        Dataset<Row> scored = rows(spark, 200, 7L, true);
        List<PipelineStage> stages = List.of(
                new StringIndexer().setInputCols(new String[] {"plan", "region"})
                        .setOutputCols(new String[] {"plan_index", "region_index"}).setHandleInvalid("skip"),
                new OneHotEncoder().setInputCols(new String[] {"plan_index", "region_index"})
                        .setOutputCols(new String[] {"plan_vector", "region_vector"}).setDropLast(false),
                new VectorAssembler().setInputCols(new String[] {"plan_vector", "region_vector", "charges", "tenure",
                    "ratio"}).setOutputCol("features").setHandleInvalid("skip"),
                new LogisticRegression().setMaxIter(30));
        PipelineModel model = fit(stages, training);

        int leftToSpark = assertSameAsTransform(model, scored);

        assertThat(leftToSpark).isPositive();
    }

    @Test
    void aStageWithoutAPerRowPathRefusesThePipeline(SparkSession spark) {
        Dataset<Row> training = rows(spark, 100, 8L, false);
        PipelineModel model = fit(List.of(
                new SQLTransformer().setStatement("SELECT *, tenure * 2 AS twice FROM __THIS__"),
                new VectorAssembler().setInputCols(new String[] {"twice"}).setOutputCol("features"),
                new LogisticRegression().setMaxIter(5)), training);

        assertThatThrownBy(() -> RowPipeline.of(model, SCHEMA)).isInstanceOf(UnsupportedStageException.class)
                .hasMessageContaining("SQLTransformer");
    }

    /** Indexer and encoder that keep invalid values, imputer, interaction, assembler that keeps NaNs, scaler. */
    private static List<PipelineStage> lenientFeatures() {
        return List.of(
                new StringIndexer().setInputCols(new String[] {"plan", "region"})
                        .setOutputCols(new String[] {"plan_index", "region_index"}).setHandleInvalid("keep"),
                new OneHotEncoder().setInputCols(new String[] {"plan_index", "region_index"})
                        .setOutputCols(new String[] {"plan_vector", "region_vector"}).setDropLast(false)
                        .setHandleInvalid("keep"),
                new Imputer().setInputCols(new String[] {"tenure", "charges", "ratio"})
                        .setOutputCols(new String[] {"tenure_filled", "charges_filled", "ratio_filled"}),
                new Interaction().setInputCols(new String[] {"region_vector", "charges_filled", "plan_index"})
                        .setOutputCol("region_x_charges"),
                new VectorAssembler().setInputCols(new String[] {"tenure_filled", "charges_filled", "ratio_filled",
                    "plan_vector", "region_vector", "region_x_charges", "calls"}).setOutputCol("features")
                        .setHandleInvalid("keep"),
                new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true));
    }

    private static PipelineModel fit(List<PipelineStage> stages, Dataset<Row> training) {
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(training);
    }

    /**
     * Scores every row through the per-row path; requires {@code transform} of the rows it answers to give the same
     * predictions, bit for bit, and Spark to refuse or leave out each of the first rows it does not answer.
     *
     * @return how many rows the per-row path left to Spark
     */
    private static int assertSameAsTransform(PipelineModel model, Dataset<Row> scored) {
        RowPipeline perRow;
        try {
            perRow = RowPipeline.of(model, scored.schema());
        } catch (UnsupportedStageException e) {
            throw new AssertionError(e);
        }
        Map<String, Double> answered = new HashMap<>();
        List<String> leftToSpark = new ArrayList<>();
        for (Row row : scored.collectAsList()) {
            OptionalDouble prediction = perRow.predict(IntStream.range(0, row.length()).mapToObj(row::get).toList());
            if (prediction.isPresent()) {
                answered.put(row.getString(0), prediction.getAsDouble());
            } else {
                leftToSpark.add(row.getString(0));
            }
        }
        Dataset<Row> answeredRows = scored.filter(scored.col("id").isin(answered.keySet().toArray()));
        Map<String, Double> spark = new HashMap<>();
        for (Row row : model.transform(answeredRows).select("id", RowPipeline.PREDICTION).collectAsList()) {
            spark.put(row.getString(0), row.getDouble(1));
        }
        List<String> differences = answered.keySet().stream().filter(id -> !answered.get(id).equals(spark.get(id)))
                .sorted().map(id -> id + ": per row " + answered.get(id) + ", transform " + spark.get(id)).toList();
        assertThat(differences).as("rows the per-row path answers otherwise than transform").isEmpty();
        assertThat(spark.keySet()).isEqualTo(answered.keySet());
        for (String id : leftToSpark.subList(0, Math.min(REFUSALS_CHECKED, leftToSpark.size()))) {
            Dataset<Row> alone = scored.filter(scored.col("id").equalTo(id));
            Throwable error = catchThrowable(() -> assertThat(model.transform(alone).collectAsList()).isEmpty());
            assertThat(error == null || !(error instanceof AssertionError)).as("Spark refuses or leaves out " + id)
                    .isTrue();
        }
        return leftToSpark.size();
    }

    /**
     * Rows whose labels depend on the features; with {@code unusual}, also labels the indexers never saw, nulls in
     * every nullable column, NaNs in the floating ones and zeros where an imputer takes 0 for missing.
     */
    private static Dataset<Row> rows(SparkSession spark, int count, long seed, boolean unusual) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String plan = PLANS[random.nextInt(PLANS.length)];
            String region = REGIONS[random.nextInt(REGIONS.length)];
            Integer tenure = random.nextInt(72);
            Double charges = 20 + random.nextDouble() * 100;
            Float ratio = random.nextFloat();
            Long calls = (long) random.nextInt(10);
            double score = -0.05 * tenure + 0.03 * charges + ratio + 0.3 * calls + (plan.equals("pro") ? 1 : 0) - 2.5
                    + random.nextGaussian();
            if (random.nextInt(10) == 0) {
                plan = null;
            }
            if (random.nextInt(10) == 0) {
                charges = null;
            }
            if (unusual) {
                int oddity = random.nextInt(12);
                plan = oddity == 0 ? "gold" : plan;
                region = oddity == 1 ? null : oddity == 2 ? "space" : region;
                tenure = oddity == 3 ? null : tenure;
                charges = oddity == 4 ? Double.valueOf(Double.NaN) : charges;
                ratio = oddity == 5 ? null : oddity == 6 ? Float.valueOf(Float.NaN) : ratio;
                calls = oddity == 7 ? Long.valueOf(0) : oddity == 8 ? null : calls;
            }
            rows.add(RowFactory.create("r" + i, plan, region, tenure, charges, ratio, calls, score > 0 ? 1.0 : 0.0,
                    (double) Math.floorMod((int) Math.round(score), 3), 50 + 10 * score + random.nextGaussian()));
        }
        return spark.createDataFrame(rows, SCHEMA).coalesce(1);
    }
}
