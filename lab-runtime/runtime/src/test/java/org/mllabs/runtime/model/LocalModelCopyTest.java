package org.mllabs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * Every stage type the labs log survives the local copy: the model read back from it predicts exactly what the fitted
 * model does, and the standard copy beside it still loads with {@link PipelineModel#load(String)}.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModelCopyTest {

    private Dataset<Row> data;

    @BeforeAll
    void rows(SparkSession spark) {
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < 400; i++) {
            double tenure = random.nextDouble() * 72;
            Double charges = random.nextInt(10) == 0 ? null : 20 + random.nextDouble() * 100;
            String plan = plans[random.nextInt(plans.length)];
            double score = -0.05 * tenure + (charges == null ? 0 : 0.03 * charges) + (plan.equals("pro") ? 1 : 0)
                    + random.nextGaussian();
            rows.add(RowFactory.create(tenure, charges, plan, score > 0 ? 1.0 : 0.0, score));
        }
        data = spark.createDataFrame(rows, new StructType()
                .add("tenure", DataTypes.DoubleType).add("charges", DataTypes.DoubleType)
                .add("plan", DataTypes.StringType).add("label", DataTypes.DoubleType)
                .add("score", DataTypes.DoubleType));
    }

    static Stream<PipelineStage> estimators() {
        return Stream.of(
                new LogisticRegression().setMaxIter(20),
                new DecisionTreeClassifier().setMaxDepth(4),
                new RandomForestClassifier().setNumTrees(5).setMaxDepth(3),
                new GBTClassifier().setMaxIter(5).setMaxDepth(3),
                new LinearRegression().setLabelCol("score"),
                new DecisionTreeRegressor().setLabelCol("score").setMaxDepth(4),
                new RandomForestRegressor().setLabelCol("score").setNumTrees(5).setMaxDepth(3),
                new GBTRegressor().setLabelCol("score").setMaxIter(5).setMaxDepth(3));
    }

    @ParameterizedTest
    @MethodSource("estimators")
    void aModelReadFromItsLocalCopyPredictsWhatTheFittedOneDoes(PipelineStage estimator, @TempDir Path directory)
            throws Exception {
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(new String[] {"charges"}).setOutputCols(new String[] {"charges_filled"}),
            new StringIndexer().setInputCol("plan").setOutputCol("plan_index").setHandleInvalid("keep"),
            new OneHotEncoder().setInputCols(new String[] {"plan_index"}).setOutputCols(new String[] {"plan_vec"}),
            new Interaction().setInputCols(new String[] {"plan_vec", "charges_filled"}).setOutputCol("plan_charges"),
            new VectorAssembler().setInputCols(new String[] {"tenure", "charges_filled", "plan_vec", "plan_charges"})
                    .setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("features"),
            estimator}).fit(data);

        LocalModelCopy.write(fitted, directory);

        assertThat(LocalModelCopy.isIn(directory)).isTrue();
        assertThat(predictions(LocalModelCopy.read(directory))).containsExactlyElementsOf(predictions(fitted));
        fitted.write().save(directory.resolve(MlModelFiles.MODEL_DATA).toUri().toString());
        assertThat(predictions(PipelineModel.load(directory.resolve(MlModelFiles.MODEL_DATA).toUri().toString())))
                .containsExactlyElementsOf(predictions(fitted));
    }

    @Test
    void aDirectoryWithoutTheCopyHasNone(@TempDir Path directory) throws Exception {
        Files.createDirectories(directory.resolve(MlModelFiles.MODEL_DATA).resolve("metadata"));
        assertThat(LocalModelCopy.isIn(directory)).isFalse();
    }

    private List<String> predictions(PipelineModel model) {
        return model.transform(data).select("prediction").collectAsList().stream().map(Row::toString).toList();
    }
}
