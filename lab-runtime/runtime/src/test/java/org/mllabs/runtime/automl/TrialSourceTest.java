package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.search.Params;
import org.mllabs.runtime.testing.SparkExtension;

/** The generated source of a trial compiles, runs and scores what the trial scored. */
@ExtendWith(SparkExtension.class)
class TrialSourceTest {

    private static final long SEED = 7L;
    private static final double TRAIN_FRACTION = 0.8;
    /** The same data, split, stages and seeds: only floating-point noise may differ. */
    private static final double SAME_METRIC = 1e-9;

    @Test
    void theSourceOfAClassificationTrialScoresWhatTheTrialScored(SparkSession spark, @TempDir Path work) {
        EstimatorFamily family = EstimatorFamily.RANDOM_FOREST_CLASSIFIER;
        Params params = new Params(Map.of("estimator", family.key(), "rf_num_trees", 20.0, "rf_max_depth", 5.0));
        TrainingData data = TrainingData.of(spark, LabDatasets.locate(), LabDataset.CUSTOMER_CHURN);

        double trialMetric = trialMetric(data, family, params, AutoMlMetric.AREA_UNDER_ROC);
        String source = render(3, data, family, params, AutoMlMetric.AREA_UNDER_ROC);

        assertThat(source).contains("public final class Trial_3", "LabDataset.CUSTOMER_CHURN",
                "static final long SPLIT_SEED = 7L;", ".setNumTrees(20)", ".setSeed(7L)");
        assertThat(runGenerated(source, "Trial_3", spark, work)).isCloseTo(trialMetric, within(SAME_METRIC));
        assertThat(trialMetric).isBetween(0.6, 1.0);
    }

    @Test
    void theSourceOfARegressionTrialScoresWhatTheTrialScored(SparkSession spark, @TempDir Path work) {
        Params params = new Params(Map.of("estimator", "gbt", "gbt_max_iter", 10.0, "gbt_max_depth", 3.0,
                "gbt_step_size", 0.1));
        TrainingData data = TrainingData.of(spark, LabDatasets.locate(), LabDataset.HOUSE_PRICES);

        double trialMetric = trialMetric(data, EstimatorFamily.GBT_REGRESSOR, params, AutoMlMetric.RMSE);
        String source = render(0, data, EstimatorFamily.GBT_REGRESSOR, params, AutoMlMetric.RMSE);

        assertThat(runGenerated(source, "Trial_0", spark, work)).isCloseTo(trialMetric, within(SAME_METRIC * 1e3));
    }

    @Test
    void theExtensionPointsTakeADerivedFeature(SparkSession spark, @TempDir Path work) {
        Params params = new Params(Map.of("estimator", "logistic_regression", "lr_reg_param", 0.01,
                "lr_elastic_net", 0.0));
        TrainingData data = TrainingData.of(spark, LabDatasets.locate(), LabDataset.CUSTOMER_CHURN);
        String generated = render(1, data, EstimatorFamily.LOGISTIC_REGRESSION, params, AutoMlMetric.AREA_UNDER_ROC);

        String extended = generated
                .replace(TrialSource.EXTRA_NUMERIC_DECLARATION,
                        "static final String[] EXTRA_NUMERIC = {\"calls_per_month\"};")
                .replace(TrialSource.EXTRA_STAGES_RETURN, "return new PipelineStage[] {new "
                        + "org.apache.spark.ml.feature.SQLTransformer().setStatement(\"SELECT *, support_calls / "
                        + "(tenure_months + 1) AS calls_per_month FROM __THIS__\")};");

        assertThat(extended).isNotEqualTo(generated);
        double original = runGenerated(generated, "Trial_1", spark, work.resolve("generated"));
        double withFeature = runGenerated(extended, "Trial_1", spark, work.resolve("extended"));
        assertThat(withFeature).isNotCloseTo(original, within(SAME_METRIC)).isBetween(0.6, 1.0);
    }

    private static double trialMetric(TrainingData data, EstimatorFamily family, Params params, AutoMlMetric metric) {
        DataProfile profile = DataProfiler.profile(data.frame(), data.target(), metric.classification());
        TrialPipeline pipeline = pipeline(profile, data, family, params, metric);
        PreparedSplit split = PreparedSplit.of(profile.featurePlan(), data.split(TRAIN_FRACTION, SEED));
        PipelineModel model = pipeline.fit(split);
        double onPreparedRows = pipeline.evaluate(model, split);
        Dataset<Row>[] raw = data.split(TRAIN_FRACTION, SEED);
        double onLoadedRows = ((Evaluator) metric.evaluator(data.target()).build()).evaluate(model.transform(raw[1]));
        assertThat(onPreparedRows).as("the logged model on the validation rows as loaded")
                .isCloseTo(onLoadedRows, within(SAME_METRIC));
        split.unpersist();
        return onPreparedRows;
    }

    private static String render(int trial, TrainingData data, EstimatorFamily family, Params params,
                                 AutoMlMetric metric) {
        DataProfile profile = DataProfiler.profile(data.frame(), data.target(), metric.classification());
        return TrialSource.render(trial, "A test trial.", pipeline(profile, data, family, params, metric), data,
                TRAIN_FRACTION, SEED);
    }

    private static TrialPipeline pipeline(DataProfile profile, TrainingData data, EstimatorFamily family,
                                          Params params, AutoMlMetric metric) {
        return new TrialPipeline(profile.featurePlan(), family.estimator(params, data.target(), SEED),
                metric.evaluator(data.target()));
    }

    /** Compiles the source against the test class path, loads it and calls its validationMetric(spark). */
    private static double runGenerated(String source, String className, SparkSession spark, Path work) {
        GeneratedTrial trial = GeneratedTrial.compile(source, work);
        assertThat(trial.className()).isEqualTo(className);
        return trial.validationMetric(spark);
    }
}
