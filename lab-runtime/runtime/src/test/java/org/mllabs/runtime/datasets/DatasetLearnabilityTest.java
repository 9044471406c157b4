package org.mllabs.runtime.datasets;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * Models learn what the generators put in the data, as the labs need: churn is predictable but not perfectly, the
 * interaction term adds to it, and boosted trees beat a linear model on house prices.
 */
@ExtendWith(SparkExtension.class)
class DatasetLearnabilityTest {

    private static final long SPLIT_SEED = 7;

    private final LabDatasets datasets = LabDatasets.locate();

    @Test
    void logisticRegressionOnTheNumericChurnFeaturesIsGoodButNotPerfect(SparkSession spark) {
        String[] numeric = {"tenure_months", "monthly_charges", "total_charges", "support_calls"};
        Dataset<Row>[] split = datasets.load(spark, LabDataset.CUSTOMER_CHURN)
                .randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);

        double auc = churnAuc(split, numeric);

        assertThat(auc).isBetween(0.7, 0.95);
    }

    @Test
    void theContractTimesChargesInteractionImprovesTheChurnModel(SparkSession spark) {
        Dataset<Row> churn = datasets.load(spark, LabDataset.CUSTOMER_CHURN)
                .withColumn("month_to_month", when(col("contract").equalTo("month-to-month"), 1.0).otherwise(0.0));
        Dataset<Row>[] split = churn.randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        String[] mainEffects = {"tenure_months", "monthly_charges", "support_calls", "month_to_month",
            "two_year", "electronic_check"};
        String[] withInteraction = {"tenure_months", "monthly_charges", "support_calls", "month_to_month",
            "two_year", "electronic_check", "month_to_month_x_charges"};

        double without = churnAuc(withIndicators(split), mainEffects);
        double with = churnAuc(withIndicators(split), withInteraction);

        assertThat(with).as("AUC with the interaction, against %s without", without).isGreaterThan(without + 0.005);
        assertThat(with).isLessThan(0.95);
    }

    @Test
    void boostedTreesBeatLinearRegressionOnHousePrices(SparkSession spark) {
        Dataset<Row>[] split = datasets.load(spark, LabDataset.HOUSE_PRICES)
                .randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        PipelineStage[] features = {
            new Imputer().setInputCols(new String[] {"lot_area_sqm", "year_built"})
                    .setOutputCols(new String[] {"lot_imputed", "year_built_imputed"}),
            new StringIndexer().setInputCols(new String[] {"neighbourhood", "condition", "heating"})
                    .setOutputCols(new String[] {"neighbourhood_index", "condition_index", "heating_index"})
                    .setHandleInvalid("keep"),
            new OneHotEncoder().setInputCols(new String[] {"neighbourhood_index", "condition_index", "heating_index"})
                    .setOutputCols(new String[] {"neighbourhood_vector", "condition_vector", "heating_vector"}),
            new VectorAssembler().setInputCols(new String[] {"distance_to_center_km", "living_area_sqm",
                "lot_imputed", "bedrooms", "bathrooms", "year_built_imputed", "has_garage", "neighbourhood_vector",
                "condition_vector", "heating_vector"}).setOutputCol("features"),
        };

        double linear = rmse(split, features, new LinearRegression().setLabelCol("price"));
        double trees = rmse(split, features, new GBTRegressor().setLabelCol("price")
                .setMaxIter(60).setMaxDepth(5).setSeed(SPLIT_SEED));

        assertThat(trees).as("boosted trees' RMSE, against %s for the linear model", linear).isLessThan(linear * 0.95);
        assertThat(linear).as("linear RMSE, in thousands of euros").isLessThan(120);
    }

    private static Dataset<Row>[] withIndicators(Dataset<Row>[] split) {
        for (int i = 0; i < split.length; i++) {
            split[i] = split[i]
                    .withColumn("two_year", when(col("contract").equalTo("two-year"), 1.0).otherwise(0.0))
                    .withColumn("electronic_check",
                            when(col("payment_method").equalTo("electronic_check"), 1.0).otherwise(0.0))
                    .withColumn("month_to_month_x_charges", col("month_to_month").multiply(col("monthly_charges")));
        }
        return split;
    }

    /** Mean-imputes the features, fits a logistic regression on the first part of the split, scores the second. */
    private static double churnAuc(Dataset<Row>[] split, String[] features) {
        String[] imputed = Arrays.stream(features).map(f -> f + "_imputed").toArray(String[]::new);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(features).setOutputCols(imputed),
            new VectorAssembler().setInputCols(imputed).setOutputCol("features"),
            new LogisticRegression().setLabelCol("churned"),
        });
        Dataset<Row> scored = pipeline.fit(split[0]).transform(split[1]);
        return new BinaryClassificationEvaluator().setLabelCol("churned").evaluate(scored);
    }

    private static double rmse(Dataset<Row>[] split, PipelineStage[] features, PipelineStage model) {
        PipelineStage[] stages = Arrays.copyOf(features, features.length + 1);
        stages[features.length] = model;
        Dataset<Row> scored = new Pipeline().setStages(stages).fit(split[0]).transform(split[1]);
        return new RegressionEvaluator().setLabelCol("price").setMetricName("rmse").evaluate(scored);
    }
}
