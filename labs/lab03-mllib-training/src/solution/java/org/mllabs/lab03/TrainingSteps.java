package org.mllabs.lab03;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.regression.DecisionTreeRegressor;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.ProblemType;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 03, reference solution of the steps.
 */
final class TrainingSteps {

    private static final int MAX_ITER = 20;
    private static final int MAX_DEPTH = 5;
    private static final int NUM_TREES = 20;
    private static final int GBT_MAX_ITER = 10;
    private static final int GBT_MAX_DEPTH = 3;
    private static final long SEED = 42L;

    private final LabContext context;

    TrainingSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: the regression estimators for house prices, by model family. */
    Map<String, Estimator<?>> regressors() {
        // DONE lab03.step1
        String label = LabDataset.HOUSE_PRICES.labelColumn();
        Map<String, Estimator<?>> estimators = new LinkedHashMap<>();
        estimators.put("linear_regression", new LinearRegression().setLabelCol(label).setMaxIter(MAX_ITER));
        estimators.put("decision_tree", new DecisionTreeRegressor().setLabelCol(label).setMaxDepth(MAX_DEPTH));
        estimators.put("random_forest", new RandomForestRegressor().setLabelCol(label)
                .setNumTrees(NUM_TREES).setMaxDepth(MAX_DEPTH).setSeed(SEED));
        estimators.put("gbt", new GBTRegressor().setLabelCol(label)
                .setMaxIter(GBT_MAX_ITER).setMaxDepth(GBT_MAX_DEPTH));
        return estimators;
    }

    /** Step 2: the classification estimators for customer churn, by model family. */
    Map<String, Estimator<?>> classifiers() {
        // DONE lab03.step2
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        Map<String, Estimator<?>> estimators = new LinkedHashMap<>();
        estimators.put("logistic_regression", new LogisticRegression().setLabelCol(label).setMaxIter(MAX_ITER));
        estimators.put("decision_tree", new DecisionTreeClassifier().setLabelCol(label).setMaxDepth(MAX_DEPTH));
        estimators.put("random_forest", new RandomForestClassifier().setLabelCol(label)
                .setNumTrees(NUM_TREES).setMaxDepth(MAX_DEPTH).setSeed(SEED));
        estimators.put("gbt", new GBTClassifier().setLabelCol(label)
                .setMaxIter(GBT_MAX_ITER).setMaxDepth(GBT_MAX_DEPTH));
        return estimators;
    }

    /** Step 3: fits the preparation stages and the estimator as one pipeline; the fitted pipeline. */
    PipelineModel fit(PipelineStage[] preparation, Estimator<?> estimator, Dataset<Row> train) {
        // DONE lab03.step3
        PipelineStage[] stages = Arrays.copyOf(preparation, preparation.length + 1);
        stages[preparation.length] = estimator;
        return new Pipeline().setStages(stages).fit(train);
    }

    /** Step 3: the simple class name of the model the estimator fitted, the pipeline model's last stage. */
    String fittedModelClass(Estimator<?> estimator, PipelineModel model) {
        // DONE lab03.step3
        Transformer[] stages = model.stages();
        Model<?> fitted = (Model<?>) stages[stages.length - 1];
        if (fitted.parent() != estimator) {
            throw new IllegalStateException("The last stage was not fitted by " + estimator);
        }
        return fitted.getClass().getSimpleName();
    }

    /**
     * Step 4: the model's metric on the test split: RMSE for house prices, area under ROC for churn. Both sides of the
     * split are at hand, as in a notebook; the metric is the test side's.
     */
    double evaluate(PipelineModel model, Dataset<Row> train, Dataset<Row> test, LabDataset dataset) {
        // DONE lab03.step4
        Dataset<Row> predictions = model.transform(test);
        if (dataset.problemType() == ProblemType.REGRESSION) {
            return new RegressionEvaluator().setLabelCol(dataset.labelColumn()).setMetricName("rmse")
                    .evaluate(predictions);
        }
        return new BinaryClassificationEvaluator().setLabelCol(dataset.labelColumn()).setMetricName("areaUnderROC")
                .evaluate(predictions);
    }

    /** Step 5: logs the trained model as one finished run, with its model and signature; the run's id. */
    String logRun(String experimentId, TrainedModel trained) {
        // DONE lab03.step5
        MlflowClient mlflow = context.tracking();
        Map<String, String> tags = new LinkedHashMap<>(context.runTags());
        tags.put("model_family", trained.family());
        tags.put("dataset", trained.dataset().datasetName());
        tags.put("model_class", trained.modelClass());
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(trained.runName())
                .setStartTime(System.currentTimeMillis());
        tags.forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = mlflow.createRun(request.build()).getRunId();

        List<Param> params = trained.estimator().extractParamMap().toList().stream()
                .map(pair -> Param.newBuilder().setKey(pair.param().name()).setValue(String.valueOf(pair.value()))
                        .build())
                .toList();
        mlflow.logBatch(runId, List.of(), params, List.of());
        mlflow.logMetric(runId, trained.metricName(), trained.metricValue());

        StructType inputs = trained.test().selectExpr(trained.featureColumns().toArray(String[]::new)).schema();
        StructType outputs = trained.model().transform(trained.test()).select("prediction").schema();
        context.models().log(runId, "model", trained.model(), ModelSignature.infer(inputs, outputs));
        mlflow.setTerminated(runId, RunStatus.FINISHED);
        return runId;
    }

    /** Step 6: saves the model to the folder, loads it back, compares predictions and records it on the run. */
    void saveAndReload(String runId, TrainedModel trained, Path folder) {
        // DONE lab03.step6
        try {
            trained.model().write().overwrite().save(folder.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the pipeline model to " + folder, e);
        }
        PipelineModel reloaded = PipelineModel.load(folder.toString());
        String key = trained.dataset().keyColumn();
        Dataset<Row> before = trained.model().transform(trained.test())
                .select(col(key), col("prediction").as("before"));
        Dataset<Row> after = reloaded.transform(trained.test())
                .select(col(key), col("prediction").as("after"));
        long mismatches = before.join(after, key).filter(col("before").notEqual(col("after"))).count();
        context.tracking().logMetric(runId, "reload_mismatches", mismatches);
        context.mlflow().artifacts().uploadDirectory(runId, folder, "saved_pipeline");
        context.log("Reloaded " + reloaded.stages().length + " stages; predictions that changed: " + mismatches);
    }
}
