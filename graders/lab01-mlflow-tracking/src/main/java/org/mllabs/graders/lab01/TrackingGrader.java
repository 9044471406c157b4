package org.mllabs.graders.lab01;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.name;
import static org.mllabs.runtime.mlflow.RunData.params;
import static org.mllabs.runtime.mlflow.RunData.tags;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Figure;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Series;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SplitMetric;
import org.mllabs.grading.evidence.UnscorableModelException;
import org.mllabs.grading.lab.LabSteps;

/** Grades lab 01, MLflow tracking, one check per README step. */
public final class TrackingGrader implements Grader {

    /** The steps of lab 01 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab01");

    static final Set<String> REG_PARAMS = Set.of("0.001", "0.01", "0.1");
    static final String MAX_ITER = "20";
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");

    /** The share of the rows TrackingLab puts in the test split, and how far a seeded random split strays from it. */
    static final double TEST_FRACTION = 0.2;
    static final double TEST_FRACTION_TOLERANCE = 0.03;

    /** What a check of the candidates says when there is none. */
    static final String NO_CANDIDATES = "found no candidate run: no child run of the parent, nor a run with a param "
            + "reg_param";

    private static final ObjectMapper JSON = new ObjectMapper();


    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        TrackingEvidence evidence = TrackingEvidence.of(context);
        return List.of(
                STEPS.check(1, 10, "experiment exists",
                        "create the experiment named context.experimentName() with createExperiment, "
                                + "or reuse it with getExperimentByName.",
                        () -> evidence.runs().experimentResult()),
                STEPS.check(2, 15, "parent run with tags and params",
                        "start a run named regparam-sweep with context.runTags(), "
                                + "and log the params dataset=customer_churn and max_iter=20.",
                        () -> parentRun(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(3, 10, "nested child run per candidate",
                        "one run per candidate with the tag mlflow.parentRunId set to the parent's id, "
                                + "params reg_param and max_iter, metric test_auc, status FINISHED.",
                        () -> childRuns(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(3, "auc", 10, "test_auc is what the candidate's model scores on the test split",
                        "log as test_auc the AUC that TrackingLab computed on the test split; the "
                                + "grader recomputes it from the model logged under model/ on the recorded test rows.",
                        () -> honestAuc(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(4, 15, "train_loss logged over steps",
                        "log train_loss once per iteration with step = the iteration's index "
                                + "(0, 1, 2 ...).",
                        () -> lossCurves(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(5, 10, "model_family tag on each candidate",
                        "setTag(runId, \"model_family\", \"logistic_regression\") on every child run.",
                        () -> familyTags(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(6, 15, "coefficients.json holds each candidate model's coefficients",
                        "upload a JSON object {feature: coefficient}, coefficients[i] for features[i], "
                                + "as coefficients.json at the root of each child run's artifacts.",
                        () -> coefficients(evidence)).dependsOn(STEPS.id(1)),
                STEPS.check(7, 15, "best candidate recorded on the parent",
                        "search the child runs ordered by metrics.test_auc DESC, then set the "
                                + "parent's tag best_run_id, log its metric best_test_auc, and finish the parent run.",
                        () -> best(evidence)).dependsOn(STEPS.id(1)));
    }

    /** {@code train_loss} by step, one line a child run, named by the run. */
    @Override
    public List<Figure> figures(GradingContext context) {
        TrackingEvidence evidence = TrackingEvidence.of(context);
        if (evidence.candidates().isEmpty()) {
            return List.of();
        }
        List<Series> curves = evidence.candidates().stream()
                .map(child -> new Series(name(child), evidence.runs().history(child, "train_loss").stream()
                        .map(metric -> new Series.Point(metric.getStep(), metric.getValue())).toList()))
                .toList();
        return List.of(new Figure("train_loss by step", "step", "train_loss", Figure.Kind.LINE, curves));
    }

    private static CheckResult parentRun(TrackingEvidence evidence) {
        Optional<Run> parent = evidence.parent();
        if (parent.isEmpty()) {
            return evidence.runs().missingRun(TrackingEvidence.PARENT_RUN_NAME);
        }
        Problems problems = new Problems();
        Problems about = problems.about("parent run " + id(parent.get()));
        Map<String, String> params = params(parent.get());
        about.expect("param dataset", "customer_churn", params.get("dataset"));
        about.expect("param max_iter", MAX_ITER, params.get("max_iter"));
        evidence.runs().expectLabTags(parent.get(), about);
        return problems.result("parent run " + id(parent.get()));
    }

    private static CheckResult childRuns(TrackingEvidence evidence) {
        List<Run> children = evidence.children();
        Set<String> regParams = new TreeSet<>();
        children.forEach(child -> Optional.ofNullable(params(child).get("reg_param")).ifPresent(regParams::add));
        Problems problems = new Problems();
        if (!regParams.equals(new TreeSet<>(REG_PARAMS))) {
            problems.add("expected child runs with reg_param " + new TreeSet<>(REG_PARAMS) + ", found "
                    + children.size() + " child runs with reg_param " + regParams);
        }
        evidence.runs().preload(children, TrackingEvidence.MODEL_PATH);
        for (Run child : children) {
            Problems about = problems.about("child " + name(child));
            Double auc = metrics(child).get("test_auc");
            about.require(params(child).containsKey("reg_param"), "no param reg_param");
            trainedWith(evidence, child).ifPresent(about::add);
            about.expect("param max_iter", MAX_ITER, params(child).get("max_iter"));
            about.require(auc != null && auc > 0.5 && auc <= 1.0, "expected metric test_auc in (0.5, 1], found " + auc);
            about.expect("status", RunStatus.FINISHED, child.getInfo().getStatus());
            evidence.runs().expectLabTags(child, about);
        }
        return problems.result(children.size() + " child runs");
    }

    /**
     * Whether the run's param reg_param is the regParam its logged model was trained with (a fitted
     * {@code LogisticRegressionModel} holds its estimator's params); empty when it is, or when the run has no param or
     * no model to compare with (step 3.auc then says the model is missing).
     */
    private static Optional<String> trainedWith(TrackingEvidence evidence, Run child) {
        String logged = params(child).get("reg_param");
        Optional<LogisticRegressionModel> model = evidence.model(child).flatMap(TrackingEvidence::regression);
        if (logged == null || model.isEmpty()) {
            return Optional.empty();
        }
        double trained = model.get().getRegParam();
        boolean same;
        try {
            same = Tolerance.close(trained, Double.parseDouble(logged));
        } catch (NumberFormatException e) {
            same = false;
        }
        return same ? Optional.empty() : Optional.of("param reg_param = " + logged + ", the model under "
                + TrackingEvidence.MODEL_PATH + "/ was trained with regParam " + trained + ": log the regParam the "
                + "candidate was trained with");
    }

    private static CheckResult honestAuc(TrackingEvidence evidence) {
        List<Run> candidates = evidence.candidates();
        if (candidates.isEmpty()) {
            return CheckResult.failed(NO_CANDIDATES);
        }
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        evidence.runs().preload(candidates, TrackingEvidence.MODEL_PATH);
        Map<Run, Double> onTest = new LinkedHashMap<>();
        for (Run candidate : candidates) {
            Problems about = problems.about("child " + name(candidate));
            Optional<PipelineModel> model = evidence.model(candidate);
            Optional<RecordedSplit> split = evidence.testSplit(candidate);
            if (model.isEmpty() || split.isEmpty()) {
                about.add("no " + (model.isEmpty() ? "model under " + TrackingEvidence.MODEL_PATH + "/"
                        : TrackingEvidence.TEST_KEYS_ARTIFACT) + " to recompute test_auc from (TrackingLab logs it "
                        + "after step 3)");
                continue;
            }
            Problems splitProblems = new Problems();
            split.get().check(evidence.churnKeys(), TEST_FRACTION, TEST_FRACTION_TOLERANCE, splitProblems);
            if (!splitProblems.isEmpty()) {
                splitProblems.lines().forEach(line -> about.add(TrackingEvidence.TEST_KEYS_ARTIFACT + ": " + line));
                continue;
            }
            try {
                onTest.put(candidate, evidence.auc(model.get(), evidence.testRows(split.get())));
            } catch (UnscorableModelException e) {
                about.add(e.getMessage());
            }
        }
        for (Map.Entry<Run, Double> scored : onTest.entrySet()) {
            Run candidate = scored.getKey();
            RecordedSplit split = evidence.testSplit(candidate).orElseThrow();
            SplitMetric metric = SplitMetric.of("test_auc", metrics(candidate).get("test_auc"), scored.getValue(),
                    evidence.auc(evidence.model(candidate).orElseThrow(), evidence.trainingRows(split)));
            onTest.forEach((other, auc) -> {
                if (other != candidate) {
                    metric.or("the test AUC of " + name(other) + "'s model", auc);
                }
            });
            metric.problem().ifPresentOrElse(problems.about("child " + name(candidate))::add,
                    () -> found.add(String.format(Locale.ROOT, "%s %.4f", name(candidate), metric.onTest())));
        }
        return problems.result("test_auc is each model's AUC on its " + TrackingEvidence.TEST_KEYS_ARTIFACT
                + " rows: " + String.join(", ", found));
    }

    private static CheckResult lossCurves(TrackingEvidence evidence) {
        Problems problems = new Problems();
        List<Run> candidates = evidence.candidates();
        if (candidates.isEmpty()) {
            return CheckResult.failed(NO_CANDIDATES);
        }
        for (Run child : candidates) {
            List<Metric> history = evidence.runs().history(child, "train_loss");
            Problems about = problems.about("child " + name(child));
            if (history.size() < 2) {
                about.add("expected train_loss at 2 or more steps, found " + history.size() + " values");
                continue;
            }
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).getStep() != i) {
                    about.add("expected steps 0.." + (history.size() - 1) + ", found step "
                            + history.get(i).getStep() + " at position " + i);
                    break;
                }
            }
            double first = history.get(0).getValue();
            double last = history.get(history.size() - 1).getValue();
            about.require(last <= first, "train_loss should fall during training, found " + first
                    + " at step 0 and " + last + " at the last step");
        }
        return problems.result("train_loss curves on every child run");
    }

    private static CheckResult familyTags(TrackingEvidence evidence) {
        List<Run> candidates = evidence.candidates();
        if (candidates.isEmpty()) {
            return CheckResult.failed(NO_CANDIDATES);
        }
        Problems problems = new Problems();
        for (Run child : candidates) {
            problems.about("child " + name(child))
                    .expect("tag model_family", "logistic_regression", tags(child).get("model_family"));
        }
        return problems.result("model_family tags");
    }

    private static CheckResult coefficients(TrackingEvidence evidence) {
        List<Run> candidates = evidence.candidates();
        if (candidates.isEmpty()) {
            return CheckResult.failed(NO_CANDIDATES);
        }
        evidence.runs().preload(candidates, TrackingEvidence.MODEL_PATH);
        Problems problems = new Problems();
        for (Run child : candidates) {
            Problems about = problems.about("child " + name(child));
            Optional<byte[]> file = evidence.runs().artifact(child, "coefficients.json");
            if (file.isEmpty()) {
                about.add("no artifact coefficients.json");
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(file.get());
            } catch (IOException e) {
                about.add("coefficients.json is not JSON: " + e.getMessage());
                continue;
            }
            Optional<Map<String, Double>> model = evidence.model(child).flatMap(TrackingEvidence::coefficients);
            if (model.isEmpty()) {
                about.add("no logistic regression under " + TrackingEvidence.MODEL_PATH + "/ to compare "
                        + "coefficients.json with (TrackingLab logs it after step 3)");
                continue;
            }
            for (String feature : FEATURES) {
                JsonNode value = json == null ? null : json.path(feature);
                double expected = model.get().getOrDefault(feature, Double.NaN);
                if (value == null || !value.isNumber()) {
                    about.add("coefficients.json has no number for " + feature + ", found "
                            + (value == null ? "nothing" : value));
                } else if (!Tolerance.close(expected, value.doubleValue())) {
                    about.add(String.format(Locale.ROOT, "coefficients.json says %s = %s, the model under %s/ has %s"
                            + "%s", feature, value.doubleValue(), TrackingEvidence.MODEL_PATH, expected,
                            otherFeature(model.get(), feature, value.doubleValue())));
                }
            }
        }
        return problems.result("coefficients.json holds each model's coefficients");
    }

    /** Names the feature whose coefficient the value is, when it is another feature's. */
    private static String otherFeature(Map<String, Double> coefficients, String feature, double value) {
        return coefficients.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(feature) && Tolerance.close(entry.getValue(), value))
                .findFirst().map(entry -> ", which is the coefficient of " + entry.getKey()
                        + ": coefficients[i] belongs to features[i]")
                .orElse("");
    }

    private static CheckResult best(TrackingEvidence evidence) {
        Optional<Run> parent = evidence.parent();
        Optional<Run> best = evidence.children().stream()
                .filter(run -> metrics(run).containsKey("test_auc"))
                .max(Comparator.comparingDouble(run -> metrics(run).get("test_auc")));
        if (parent.isEmpty() || best.isEmpty()) {
            return parent.isEmpty() ? evidence.runs().missingRun(TrackingEvidence.PARENT_RUN_NAME)
                    : CheckResult.failed("found no child run of the parent with a metric test_auc to search for");
        }
        return best(parent.get(), best.get());
    }

    private static CheckResult best(Run parent, Run expected) {
        double expectedAuc = metrics(expected).get("test_auc");
        Problems problems = new Problems();
        String recorded = tags(parent).get("best_run_id");
        problems.require(id(expected).equals(recorded), "expected tag best_run_id = " + id(expected) + " ("
                + name(expected) + ", test_auc " + expectedAuc + "), found " + recorded);
        Double recordedAuc = metrics(parent).get("best_test_auc");
        problems.require(recordedAuc != null && Tolerance.close(expectedAuc, recordedAuc),
                "expected metric best_test_auc = " + expectedAuc + ", found " + recordedAuc);
        problems.require(parent.getInfo().getStatus() == RunStatus.FINISHED,
                "expected the parent run FINISHED, found " + parent.getInfo().getStatus());
        return problems.result("best run " + name(expected));
    }
}
