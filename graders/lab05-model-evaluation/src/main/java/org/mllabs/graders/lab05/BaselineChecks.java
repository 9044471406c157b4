package org.mllabs.graders.lab05;

import static org.mllabs.runtime.mlflow.RunData.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.graders.lab05.EvaluationEvidence.Side;
import org.mllabs.grading.AllowedDifference;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.SplitMetric;
import org.mllabs.grading.evidence.UnscorableModelException;

/**
 * Steps 6 and 7: each run's baseline predicts one value for every row, the majority class or the mean label, and the
 * run records the baseline's metrics, recomputed here on the recorded test rows, and whether the model beats it
 * there.
 */
final class BaselineChecks {

    /**
     * How far a mean baseline may be from the dataset's mean price. It is the mean of the 4,000 training rows, whose
     * distance from the mean of all 5,000 has a standard error of about 0.2% of it; 1% is five of those, and a median
     * or a mean of the wrong column is further off.
     */
    static final AllowedDifference MEAN_BASELINE = AllowedDifference.relative(0.01);
    /**
     * How far a mean baseline may be from the mean of the training rows the run recorded, which is what it must
     * predict: the mean written out with two decimals (about 1e-5 of it) still passes; a round number typed in near
     * it, or the mean of other rows (the whole data's is about 0.2% off), does not.
     */
    static final AllowedDifference RECORDED_MEAN = AllowedDifference.relative(1e-4);
    /** The tag that says whether the model beats its baseline. */
    static final String BEATS_TAG = "beats_baseline";

    private final EvaluationEvidence evidence;

    BaselineChecks(EvaluationEvidence evidence) {
        this.evidence = evidence;
    }

    /** Step 6: every run's baseline predicts one value, the training rows' majority class or mean label. */
    CheckResult constant() {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (GradedTask task : GradedTask.values()) {
            Problems about = problems.about("run " + task.runName());
            Optional<Run> run = evidence.run(task);
            if (run.isEmpty()) {
                about.add(evidence.noRun(task));
                continue;
            }
            Optional<EvaluationEvidence.BaselineOutput> output;
            try {
                output = evidence.baselineOutput(task, run.get());
            } catch (UnscorableModelException e) {
                about.add(e.getMessage());
                continue;
            }
            if (output.isEmpty()) {
                about.add("no model under " + EvaluationEvidence.BASELINE + "/ (EvaluationLab logs what step 6 "
                        + "returns)");
                continue;
            }
            List<Double> predictions = output.get().predictions();
            if (predictions.size() != 1) {
                about.add("expected one prediction for every held-out row, found "
                        + (predictions.isEmpty() ? "no prediction column" : predictions.size() > 2
                        ? "3 or more distinct predictions, such as " + predictions : "the predictions " + predictions));
                continue;
            }
            if (task == GradedTask.CHURN) {
                expectOneScore(output.get(), about);
            }
            double value = predictions.get(0);
            Optional<String> problem = task.stratumColumn().isPresent()
                    ? majorityProblem(task, value) : meanProblem(task, run.get(), value);
            problem.ifPresentOrElse(about::add,
                    () -> found.add(String.format(Locale.ROOT, "%s predicts %.2f", task.runName(), value)));
        }
        return problems.result(String.join(", ", found));
    }

    /**
     * Step 7: the run's baseline metrics are what the baseline scores on the recorded test rows, and its tag says
     * whether the model beats it there.
     */
    CheckResult comparison() {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (GradedTask task : GradedTask.values()) {
            Problems about = problems.about("run " + task.runName());
            Optional<Run> run = evidence.run(task);
            if (run.isEmpty()) {
                about.add(evidence.noRun(task));
                continue;
            }
            Optional<Map<GradedMetric, Double>> model;
            Optional<Map<GradedMetric, Double>> baseline;
            Map<GradedMetric, Double> baselineTraining;
            try {
                model = evidence.scores(task, run.get(), EvaluationEvidence.MODEL, Side.TEST);
                baseline = evidence.scores(task, run.get(), EvaluationEvidence.BASELINE, Side.TEST);
                baselineTraining = evidence.scores(task, run.get(), EvaluationEvidence.BASELINE, Side.TRAINING)
                        .orElse(Map.of());
            } catch (UnscorableModelException e) {
                about.add(e.getMessage());
                continue;
            }
            if (model.isEmpty() || baseline.isEmpty()) {
                about.add(evidence.nothingToScore(run.get(), model.isEmpty() ? EvaluationEvidence.MODEL
                        : EvaluationEvidence.BASELINE));
                continue;
            }
            for (GradedMetric metric : task.metrics()) {
                MetricChecks.recomputed(run.get(), "baseline_", metric, task, baseline.get(), baselineTraining)
                        .within(metric.resolution(evidence.testRows(run.get()))).problem().ifPresent(about::add);
            }
            GradedMetric primary = task.primaryMetric();
            double ours = model.get().get(primary);
            double theirs = baseline.get().get(primary);
            boolean beats = primary.largerIsBetter() ? ours > theirs : ours < theirs;
            String comparison = String.format(Locale.ROOT, "test rows' %s %s against the baseline's %s, %s is "
                    + "better", primary.key(), SplitMetric.apart(ours, theirs), SplitMetric.apart(theirs, ours),
                    primary.largerIsBetter() ? "higher" : "lower");
            about.require(beats, "the model does not beat its baseline: " + comparison);
            String tag = tags(run.get()).get(BEATS_TAG);
            if (!String.valueOf(beats).equals(tag)) {
                about.add("expected tag " + BEATS_TAG + " = " + beats + " (" + comparison + "), found "
                        + (tag == null ? "none" : tag));
            }
            found.add(task.runName() + " " + comparison);
        }
        return problems.result(String.join("; ", found));
    }

    private static void expectOneScore(EvaluationEvidence.BaselineOutput output, Problems about) {
        Optional<Long> scores = output.distinctScores();
        if (scores.isEmpty()) {
            about.add("expected a rawPrediction column, the constant score BinaryClassificationEvaluator reads, "
                    + "found none");
        } else if (scores.get() != 1) {
            about.add("expected one rawPrediction score for every held-out row, found " + scores.get()
                    + (scores.get() > 2 ? " or more" : "") + ": a baseline ranks no row above another");
        }
    }

    private Optional<String> majorityProblem(GradedTask task, double prediction) {
        Map<String, Long> counts = evidence.labels(task).values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        SortedSet<String> classes = new TreeSet<>(counts.keySet());
        String majority = counts.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .orElseThrow().getKey();
        Optional<String> predicted = task.classOf(prediction, classes);
        if (predicted.isPresent() && predicted.get().equals(majority)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "expected the majority class %s (%d of the %d rows) for every "
                + "row, found %s (%s)", majority, counts.get(majority), evidence.labels(task).size(),
                predicted.orElse("no class"), prediction));
    }

    /**
     * Whether the mean baseline predicts the mean label of the training rows the run recorded; of the whole data,
     * within {@link #MEAN_BASELINE}, when it recorded no training keys.
     */
    private Optional<String> meanProblem(GradedTask task, Run run, double prediction) {
        Optional<List<String>> training = evidence.trainingLabels(task, run).filter(labels -> !labels.isEmpty());
        if (training.isPresent()) {
            double mean = training.get().stream().mapToDouble(Double::parseDouble).average().orElseThrow();
            return RECORDED_MEAN.allows(mean, prediction) ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                    "expected the mean %s of the training rows for every row, %s on the %d rows %s lists (%s), "
                            + "found %s: compute it from the training rows", task.labelColumn(),
                    SplitMetric.apart(mean, prediction), training.get().size(), EvaluationEvidence.TRAIN_KEYS,
                    RECORDED_MEAN, SplitMetric.apart(prediction, mean)));
        }
        double mean = evidence.labels(task).values().stream().mapToDouble(Double::parseDouble).average().orElseThrow();
        if (MEAN_BASELINE.allows(mean, prediction)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "expected the mean %s of the training rows for every row, "
                + "about %.2f (%s), found %.2f", task.labelColumn(), mean, MEAN_BASELINE, prediction));
    }
}
