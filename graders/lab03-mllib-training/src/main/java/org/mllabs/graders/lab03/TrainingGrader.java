package org.mllabs.graders.lab03;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;
import static org.mllabs.runtime.mlflow.RunData.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SplitMetric;
import org.mllabs.grading.evidence.UnscorableModelException;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.ProblemType;
import org.mllabs.runtime.features.NumericFeatures;
import org.mllabs.runtime.model.ModelSignature;

/** Grades lab 03, training with MLlib, one check per README step (step 5 has two). */
public final class TrainingGrader implements Grader {

    /** The steps of lab 03 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab03");

    /** The share of the rows TrainingLab puts in the test split, and how far a seeded random split strays from it. */
    static final double TEST_FRACTION = 0.2;
    static final double TEST_FRACTION_TOLERANCE = 0.03;

    /** Other metric names of each evaluator, whose values a wrong test metric may be. */
    static final List<String> OTHER_REGRESSION_METRICS = List.of("mae", "mse", "r2");
    static final List<String> OTHER_CLASSIFICATION_METRICS = List.of("areaUnderPR");

    /** The stages TrainingLab puts before the estimator, once fitted: the imputer's model and the assembler. */
    static final List<String> PREPARATION_STAGES = List.of("ImputerModel", "VectorAssembler");

    /** The metric step 6 records. */
    static final String RELOAD_METRIC = "reload_mismatches";

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        TrainingEvidence evidence = TrainingEvidence.of(context);
        return List.of(
                STEPS.check(1, 15, "a regressor of price per model family, small as asked",
                        "return linear_regression, decision_tree, random_forest and gbt estimators "
                                + "with setLabelCol(\"price\") and the settings of the README's table.",
                        () -> estimators(evidence, ExpectedModel.REGRESSORS)),
                STEPS.check(2, 15, "a classifier of churned per model family, small as asked",
                        "return logistic_regression, decision_tree, random_forest and gbt classifiers "
                                + "with setLabelCol(\"churned\") and the settings of step 1's table.",
                        () -> estimators(evidence, ExpectedModel.CLASSIFIERS)),
                STEPS.check(3, 15, "each model is a fitted pipeline and model_class names its last stage",
                        "fit one Pipeline of the preparation stages and the estimator, and return the "
                                + "simple class name of the PipelineModel's last stage: the Model that fit returned, "
                                + "not the Estimator.",
                        () -> pipelines(evidence)).dependsOn(STEPS.id(1), STEPS.id(2)),
                STEPS.check(4, 20, "each test metric is what its model scores on the test split",
                        "log the RegressionEvaluator's rmse (test_rmse) and the "
                                + "BinaryClassificationEvaluator's areaUnderROC (test_auc) of the model on the test "
                                + "split; the grader recomputes each from the logged model on the recorded test rows.",
                        () -> honestMetrics(evidence)).dependsOn(STEPS.id(1), STEPS.id(2)),
                STEPS.check(5, 10, "each run finished, with its tags and the estimator's params",
                        "give each run context.runTags() and the tags model_family, dataset and "
                                + "model_class, log every param of estimator.extractParamMap() as a run param, then "
                                + "finish the run.",
                        () -> runRecords(evidence)).dependsOn(STEPS.id(1), STEPS.id(2)),
                STEPS.check(5, "signature", 10, "each model's signature is its feature columns and prediction",
                        "log the model with ModelSignature.infer(the schema of the test split's feature "
                                + "columns only, the schema of the prediction column).",
                        () -> signatures(evidence)).dependsOn(STEPS.id(1), STEPS.id(2)),
                STEPS.check(6, 15, "the saved pipeline model reloads and predicts the same",
                        "save with write().overwrite().save(folder), load with PipelineModel.load, log "
                                + "reload_mismatches (test rows whose prediction changed) and upload the folder as "
                                + "saved_pipeline.",
                        () -> reload(evidence)).dependsOn(STEPS.id(2)));
    }

    private static CheckResult estimators(TrainingEvidence evidence, List<ExpectedModel> expected) {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (ExpectedModel model : expected) {
            Problems about = problems.about(model.name());
            Optional<Run> run = evidence.run(model);
            if (run.isEmpty()) {
                List<String> logged = evidence.familiesLogged(model.dataset());
                about.add("found no run tagged model_family=" + model.family() + " and dataset="
                        + model.dataset().datasetName() + (logged.isEmpty()
                                ? "; there is no run of " + model.dataset().datasetName()
                                        + " at all: did lab run lab03 stop before training it?"
                                : "; the runs of " + model.dataset().datasetName() + " are tagged model_family "
                                        + logged));
                continue;
            }
            Optional<PipelineModel> pipeline = evidence.model(run.get());
            if (pipeline.isEmpty()) {
                about.add("run " + id(run.get()) + " has no model under " + TrainingEvidence.MODEL_PATH
                        + "/ (README step 5 logs it there); its artifacts are " + evidence.artifactRoot(run.get()));
                continue;
            }
            Transformer last = lastStage(pipeline.get());
            String fitted = last.getClass().getSimpleName();
            if (!fitted.equals(model.modelClass())) {
                about.add("expected the pipeline's last stage to be a " + model.modelClass() + ", found " + fitted);
                continue;
            }
            model.params().forEach((name, value) -> about.expect(name, value, paramValue(last, name)));
            found.add(model.name() + " " + fitted);
        }
        return problems.result(String.join(", ", found));
    }

    private static CheckResult pipelines(TrainingEvidence evidence) {
        Problems problems = new Problems();
        for (ExpectedModel model : ExpectedModel.all()) {
            Run run = evidence.run(model).orElseThrow();
            PipelineModel pipeline = evidence.model(run).orElseThrow();
            Problems about = problems.about(model.name());
            List<String> stages = Arrays.stream(pipeline.stages()).map(stage -> stage.getClass().getSimpleName())
                    .toList();
            List<String> expectedStages = new ArrayList<>(PREPARATION_STAGES);
            expectedStages.add(model.modelClass());
            about.expect("pipeline stages", expectedStages, stages);
            about.expect("tag model_class", lastStage(pipeline).getClass().getSimpleName(),
                    tags(run).get("model_class"));
        }
        return problems.result("every model is a PipelineModel of " + String.join(", ", PREPARATION_STAGES)
                + " and its fitted model, named by the tag model_class");
    }

    private static CheckResult honestMetrics(TrainingEvidence evidence) {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (ExpectedModel model : ExpectedModel.all()) {
            Run run = evidence.run(model).orElseThrow();
            Problems about = problems.about(model.name());
            try {
                recomputedMetric(evidence, model, run, about).ifPresent(metric -> found.add(String.format(Locale.ROOT,
                        "%s %s %.4f", model.name(), metric.key(), metric.onTest())));
            } catch (UnscorableModelException e) {
                about.add(e.getMessage() + " (README step 3 builds the pipeline, step 5 logs it)");
            }
        }
        return problems.result("each metric is its model's on the recorded test rows: " + String.join(", ", found));
    }

    /** The run's metric beside the model's on the recorded split; empty, with the problem added, when it is wrong. */
    private static Optional<SplitMetric> recomputedMetric(TrainingEvidence evidence, ExpectedModel model, Run run,
                                                          Problems about) {
        LabDataset dataset = model.dataset();
        boolean regression = dataset.problemType() == ProblemType.REGRESSION;
        String key = regression ? "test_rmse" : "test_auc";
        String metricName = regression ? "rmse" : "areaUnderROC";
        Optional<RecordedSplit> split = evidence.testSplit(run);
        if (split.isEmpty()) {
            about.add("no " + TrainingEvidence.TEST_KEYS_ARTIFACT + " to recompute " + key + " on (TrainingLab records "
                    + "it once step 5 returns the run)");
            return Optional.empty();
        }
        Problems splitProblems = new Problems();
        split.get().check(evidence.keys(dataset), TEST_FRACTION, TEST_FRACTION_TOLERANCE, splitProblems);
        if (!splitProblems.isEmpty()) {
            splitProblems.lines().forEach(line -> about.add(TrainingEvidence.TEST_KEYS_ARTIFACT + ": " + line));
            return Optional.empty();
        }
        PipelineModel pipeline = evidence.model(run).orElseThrow();
        Dataset<Row> test = split.get().rowsOf(evidence.rows(dataset), dataset.keyColumn());
        Dataset<Row> train = split.get().otherRowsOf(evidence.rows(dataset), dataset.keyColumn());
        Dataset<Row> scoredTest = TrainingEvidence.scored(pipeline, test, dataset);
        Dataset<Row> scoredTrain = TrainingEvidence.scored(pipeline, train, dataset);
        SplitMetric metric = SplitMetric.of(key, metrics(run).get(key),
                TrainingEvidence.metric(scoredTest, dataset, metricName),
                TrainingEvidence.metric(scoredTrain, dataset, metricName));
        for (String other : regression ? OTHER_REGRESSION_METRICS : OTHER_CLASSIFICATION_METRICS) {
            metric.or("what metricName " + other + " gives", TrainingEvidence.metric(scoredTest, dataset, other));
        }
        scoredTest.unpersist();
        scoredTrain.unpersist();
        if (metric.problem().isPresent()) {
            about.add(metric.problem().get());
            return Optional.empty();
        }
        return Optional.of(metric);
    }

    private static CheckResult runRecords(TrainingEvidence evidence) {
        Problems problems = new Problems();
        for (ExpectedModel model : ExpectedModel.all()) {
            Run run = evidence.run(model).orElseThrow();
            Transformer fitted = lastStage(evidence.model(run).orElseThrow());
            Problems about = problems.about(model.name());
            about.expect("status", RunStatus.FINISHED, run.getInfo().getStatus());
            evidence.runs().expectLabTags(run, about);
            Map<String, String> params = params(run);
            for (String name : model.params().keySet()) {
                about.expect("param " + name + " (the fitted model's)", paramValue(fitted, name), params.get(name));
            }
            params.forEach((name, logged) -> scalarParamValue(fitted, name)
                    .filter(trained -> !model.params().containsKey(name) && !trained.equals(logged))
                    .ifPresent(trained -> about.expect("param " + name + " (the fitted model's)", trained, logged)));
        }
        return problems.result(ExpectedModel.all().size() + " finished runs with their tags and params");
    }

    private static CheckResult signatures(TrainingEvidence evidence) {
        Problems problems = new Problems();
        for (ExpectedModel model : ExpectedModel.all()) {
            Run run = evidence.run(model).orElseThrow();
            Problems about = problems.about(model.name());
            Optional<LoggedSignature> logged = evidence.signature(run);
            if (logged.isEmpty()) {
                about.add("the model under " + TrainingEvidence.MODEL_PATH + "/ has no signature");
                continue;
            }
            LoggedSignature expected = expectedSignature(model.dataset());
            Set<String> missing = new LinkedHashSet<>(expected.inputNames());
            logged.get().inputNames().forEach(missing::remove);
            Set<String> extra = new LinkedHashSet<>(logged.get().inputNames());
            expected.inputNames().forEach(extra::remove);
            about.require(missing.isEmpty(), "the signature's inputs lack the features " + missing);
            about.require(extra.isEmpty(), "the signature's inputs " + extra + " are not features of the model"
                    + (extra.contains(model.dataset().labelColumn())
                            ? ", the label " + model.dataset().labelColumn() + " among them" : ""));
            for (LoggedSignature.Column column : expected.inputs()) {
                logged.get().inputs().stream().filter(input -> input.name().equals(column.name())).findFirst()
                        .ifPresent(input -> about.expect("type of input " + column.name(), column.type(),
                                input.type()));
            }
            about.require(logged.get().outputNames().contains("prediction"),
                    "expected the signature's outputs to include prediction, found " + logged.get().outputNames());
        }
        return problems.result("every signature's inputs are the features "
                + NumericFeatures.of(LabDataset.HOUSE_PRICES).columns() + " or "
                + NumericFeatures.of(LabDataset.CUSTOMER_CHURN).columns());
    }

    private static CheckResult reload(TrainingEvidence evidence) {
        List<Run> recorded = new ArrayList<>();
        for (ExpectedModel model : ExpectedModel.CLASSIFIERS) {
            evidence.run(model).filter(run -> metrics(run).containsKey(RELOAD_METRIC)).ifPresent(recorded::add);
        }
        if (recorded.isEmpty()) {
            return CheckResult.failed("found no classifier run with the metric " + RELOAD_METRIC
                    + " (TrainingLab calls step 6 with the run of the classifier with the best test_auc)");
        }
        Problems problems = new Problems();
        LabDataset dataset = LabDataset.CUSTOMER_CHURN;
        for (Run run : recorded) {
            Problems about = problems.about("run " + run.getInfo().getRunName());
            about.expect("metric " + RELOAD_METRIC, 0.0, metrics(run).get(RELOAD_METRIC));
            if (!evidence.hasSavedPipeline(run)) {
                about.add("no artifact folder " + TrainingEvidence.SAVED_PIPELINE_PATH + "/");
                continue;
            }
            long different = evidence.differentPredictions(evidence.savedPipeline(run),
                    evidence.model(run).orElseThrow(), dataset);
            about.require(different == 0, "the pipeline model in " + TrainingEvidence.SAVED_PIPELINE_PATH
                    + "/ predicts " + different + " of " + TrainingEvidence.HELD_OUT_ROWS + " held-out rows "
                    + "differently from the model under " + TrainingEvidence.MODEL_PATH + "/: it is another model");
        }
        return problems.result("the saved pipeline model of " + recorded.stream()
                .map(run -> run.getInfo().getRunName()).toList() + " reloads and predicts as its logged model");
    }

    /** The signature a model of the dataset should declare: its numeric feature columns in, a prediction out. */
    static LoggedSignature expectedSignature(LabDataset dataset) {
        return LoggedSignature.of(ModelSignature.infer(NumericFeatures.of(dataset).schema(),
                new StructType().add("prediction", DataTypes.DoubleType)));
    }

    private static Transformer lastStage(PipelineModel pipeline) {
        Transformer[] stages = pipeline.stages();
        return stages[stages.length - 1];
    }

    /**
     * The value a fitted stage holds for a param, as {@code String.valueOf} writes it, when it is a number, a boolean
     * or a string (a fitted model holds every param its estimator had, set or default); empty when the stage has no
     * such param or no value for it.
     */
    private static Optional<String> scalarParamValue(Transformer stage, String name) {
        if (!stage.hasParam(name) || !stage.isDefined(stage.getParam(name))) {
            return Optional.empty();
        }
        Object value = stage.getOrDefault(stage.getParam(name));
        return value instanceof Number || value instanceof Boolean || value instanceof String
                ? Optional.of(String.valueOf(value)) : Optional.empty();
    }

    /** The value of a param of a fitted stage, as a string; null when the stage has no such param. */
    private static String paramValue(Transformer stage, String name) {
        return stage.hasParam(name) ? String.valueOf(stage.getOrDefault(stage.getParam(name))) : null;
    }
}
