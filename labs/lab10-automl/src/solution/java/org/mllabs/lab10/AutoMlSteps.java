package org.mllabs.lab10;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.automl.AutoMl;
import org.mllabs.runtime.automl.AutoMlMetric;
import org.mllabs.runtime.automl.AutoMlResult;
import org.mllabs.runtime.automl.AutoMlRun;
import org.mllabs.runtime.automl.GeneratedTrial;
import org.mllabs.runtime.automl.LeaderboardEntry;
import org.mllabs.runtime.automl.TrainingData;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 10, reference solution of the steps.
 */
final class AutoMlSteps {

    /** The feature both the manual model and the extended trial add: support calls per month of tenure. */
    private static final String CALLS_PER_MONTH = "SELECT *, support_calls / (tenure_months + 1) AS calls_per_month "
            + "FROM __THIS__";
    private static final List<String> MANUAL_NUMERIC = List.of("tenure_months", "monthly_charges", "support_calls",
            "calls_per_month");
    private static final List<String> MANUAL_CATEGORICAL = List.of("contract", "payment_method");

    private final LabContext context;
    private final MlflowClient mlflow;
    private final LabRuns runs;

    AutoMlSteps(LabContext context) {
        this.context = context;
        this.mlflow = context.tracking();
        this.runs = new LabRuns(context);
    }

    /** Step 1: runs AutoML on the churn data within the budget, ranking the trials by areaUnderROC. */
    AutoMlResult runAutoMl(TrainingData data) {
        // DONE lab10.step1
        AutoMlRun settings = AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC, Duration.ofSeconds(AutoMlLab.BUDGET_SECONDS))
                .withExperiment(context.experimentName())
                .withRunTags(context.runTags())
                .withSeed(AutoMlLab.SEED);
        return new AutoMl(context.mlflow(), context.models()).run(data, settings);
    }

    /** Step 2: reads the AutoML run's trials from MLflow and logs the three best as the run automl-top3. */
    String logTopThree(String automlRunId) {
        // DONE lab10.step2
        List<Run> top = mlflow.searchRuns(List.of(runs.experimentId()),
                "tags.mlflow.parentRunId = '" + automlRunId + "' AND attributes.status = 'FINISHED'",
                ViewType.ACTIVE_ONLY, 3, List.of("metrics." + AutoMlLab.METRIC + " DESC")).getItems();
        String runId = runs.start("automl-top3");
        return runs.finishAfter(runId, () -> {
            mlflow.setTag(runId, "automl_run_id", automlRunId);
            for (int rank = 1; rank <= top.size(); rank++) {
                Run trial = top.get(rank - 1);
                double auc = RunData.metrics(trial).get(AutoMlLab.METRIC);
                mlflow.logMetric(runId, "rank_" + rank + "_" + AutoMlLab.METRIC, auc);
                mlflow.setTag(runId, "rank_" + rank + "_run_id", RunData.id(trial));
                context.log(String.format(Locale.ROOT, "#%d %s %s %.4f", rank, RunData.name(trial),
                        RunData.params(trial).get("estimator"), auc));
            }
            return runId;
        });
    }

    /** Step 3: fits a model of your own on AutoML's training part and logs how it compares on the validation part. */
    String compareWithManualModel(Dataset<Row> train, Dataset<Row> validation, AutoMlResult automl) {
        // DONE lab10.step3
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        String[] numeric = MANUAL_NUMERIC.toArray(String[]::new);
        String[] imputed = MANUAL_NUMERIC.stream().map(c -> c + "_imputed").toArray(String[]::new);
        String[] indexed = MANUAL_CATEGORICAL.stream().map(c -> c + "_index").toArray(String[]::new);
        String[] encoded = MANUAL_CATEGORICAL.stream().map(c -> c + "_onehot").toArray(String[]::new);
        String[] features = Stream.concat(Arrays.stream(imputed),
                Arrays.stream(encoded)).toArray(String[]::new);
        PipelineModel manual = new Pipeline().setStages(new PipelineStage[] {
            new SQLTransformer().setStatement(CALLS_PER_MONTH),
            new Imputer().setStrategy("median").setInputCols(numeric).setOutputCols(imputed),
            new StringIndexer().setInputCols(MANUAL_CATEGORICAL.toArray(String[]::new)).setOutputCols(indexed)
                    .setHandleInvalid("keep"),
            new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"),
            new VectorAssembler().setInputCols(features).setOutputCol("features"),
            new LogisticRegression().setLabelCol(label).setRegParam(0.001)
        }).fit(train);
        BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator().setLabelCol(label)
                .setMetricName(AutoMlLab.METRIC);
        double manualAuc = evaluator.evaluate(manual.transform(validation));
        double automlAuc = automl.leaderboard().best().orElseThrow().metric();
        String winner = manualAuc > automlAuc ? "manual" : "automl";

        String runId = runs.start("manual-model");
        return runs.finishAfter(runId, () -> {
            mlflow.logParam(runId, "model", "logistic_regression");
            mlflow.logParam(runId, "added_feature", "calls_per_month");
            mlflow.logMetric(runId, "manual_auc", manualAuc);
            mlflow.logMetric(runId, "automl_best_auc", automlAuc);
            mlflow.setTag(runId, "automl_run_id", automl.parentRunId());
            mlflow.setTag(runId, "winner", winner);
            context.models().log(runId, AutoMlLab.MODEL_PATH, manual, signature(MANUAL_NUMERIC.subList(0, 3),
                    MANUAL_CATEGORICAL));
            context.log(String.format(Locale.ROOT, "manual %.4f, AutoML %.4f: %s wins", manualAuc, automlAuc,
                    winner));
            return runId;
        });
    }

    /** Step 4: the best trial's generated source with a feature of your own added at its extension points. */
    String extendSource(String generatedSource) {
        // DONE lab10.step4
        return generatedSource
                .replace("static final String[] EXTRA_NUMERIC = {};",
                        "static final String[] EXTRA_NUMERIC = {\"calls_per_month\"};")
                .replace("return new PipelineStage[] {};",
                        "return new PipelineStage[] {new org.apache.spark.ml.feature.SQLTransformer()\n"
                                + "                .setStatement(\"" + CALLS_PER_MONTH + "\")};");
    }

    /** Step 5: fits and scores the extended trial and logs it as the run extended-trial, tagged with its trial. */
    String runExtendedTrial(LeaderboardEntry sourceTrial, GeneratedTrial extended) {
        // DONE lab10.step5
        Dataset<Row>[] split = extended.split(context.spark());
        PipelineModel model = new Pipeline().setStages(extended.stages()).fit(split[0]);
        double auc = extended.evaluator().evaluate(model.transform(split[1]));
        String runId = runs.start("extended-trial");
        return runs.finishAfter(runId, () -> {
            mlflow.setTag(runId, "source_trial_run_id", sourceTrial.runId());
            mlflow.logParam(runId, "source_trial", String.valueOf(sourceTrial.trial()));
            mlflow.logParam(runId, "added_feature", "calls_per_month");
            mlflow.logMetric(runId, AutoMlLab.METRIC, auc);
            mlflow.logMetric(runId, "source_trial_" + AutoMlLab.METRIC, sourceTrial.metric());
            StructType schema = LabDataset.CUSTOMER_CHURN.schema();
            StructType inputs = new StructType(Arrays.stream(schema.fields())
                    .filter(field -> !field.name().equals(LabDataset.CUSTOMER_CHURN.labelColumn()))
                    .toArray(StructField[]::new));
            context.models().log(runId, AutoMlLab.MODEL_PATH, model,
                    ModelSignature.infer(inputs, prediction()));
            context.log(String.format(Locale.ROOT, "extended trial %d: %.4f (generated: %.4f)", sourceTrial.trial(),
                    auc, sourceTrial.metric()));
            return runId;
        });
    }

    private static ModelSignature signature(List<String> numeric, List<String> categorical) {
        StructType schema = LabDataset.CUSTOMER_CHURN.schema();
        StructType inputs = new StructType(Stream.concat(numeric.stream(), categorical.stream())
                .map(schema::apply).toArray(StructField[]::new));
        return ModelSignature.infer(inputs, prediction());
    }

    private static StructType prediction() {
        return new StructType().add("prediction", DataTypes.DoubleType, false);
    }
}
