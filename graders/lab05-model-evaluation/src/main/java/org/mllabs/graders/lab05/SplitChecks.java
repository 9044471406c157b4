package org.mllabs.graders.lab05;

import static org.mllabs.runtime.mlflow.RunData.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.KeyedSplit;
import org.mllabs.grading.evidence.SplitMetric;

/**
 * Steps 1 and 2: the splits of the classification runs, counted from the keys of both sides each run logged and the
 * dataset's own labels, and the class shares each run records. A row on both sides, or on neither, is step 1's fault;
 * step 2 counts the shares of the sides as they were recorded, so it does not lose points for step 1's mistake.
 */
final class SplitChecks {

    /** The share of each class the lab puts on the test side. */
    static final double TEST_FRACTION = 0.2;
    /** Shares are ratios of whole rows that Spark and the grader divide alike; this absorbs rounding only. */
    private static final double SHARE_TOLERANCE = 1e-6;

    private final EvaluationEvidence evidence;

    SplitChecks(EvaluationEvidence evidence) {
        this.evidence = evidence;
    }

    /** Step 1: every class of each classification run has 20% of its rows on the test side, to a row. */
    CheckResult stratified() {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (GradedTask task : GradedTask.STRATIFIED) {
            Problems about = problems.about("run " + task.runName());
            split(task, about).ifPresent(split -> {
                split.expectStratified(TEST_FRACTION, about);
                found.add(task.runName() + " " + counts(split));
            });
        }
        return problems.result("stratified test sets: " + String.join("; ", found));
    }

    /** Step 2: each classification run records every class's share of both sides, as the split really has it. */
    CheckResult shares() {
        Problems problems = new Problems();
        for (GradedTask task : GradedTask.STRATIFIED) {
            Problems about = problems.about("run " + task.runName());
            Optional<Run> run = evidence.run(task);
            Optional<KeyedSplit> split = split(task, about);
            if (split.isEmpty()) {
                continue;
            }
            Map<String, Double> logged = metrics(run.orElseThrow());
            for (String label : split.get().classes()) {
                expectShare(about, "train_share_" + label, split.get().trainShare(label), split.get().trainRows(label),
                        split.get().trainTotal(), "training", logged);
                expectShare(about, "test_share_" + label, split.get().testShare(label), split.get().testRows(label),
                        split.get().testTotal(), "test", logged);
            }
        }
        return problems.result("class shares of both sides recorded on "
                + GradedTask.STRATIFIED.stream().map(GradedTask::runName).toList());
    }

    private Optional<KeyedSplit> split(GradedTask task, Problems about) {
        Optional<Run> run = evidence.run(task);
        if (run.isEmpty()) {
            about.add(evidence.noRun(task));
            return Optional.empty();
        }
        Optional<KeyedSplit> split = evidence.split(task, run.get());
        if (split.isEmpty()) {
            about.add("no artifact " + EvaluationEvidence.TEST_KEYS + " (EvaluationLab logs it once step 1 returns "
                    + "the split)");
        }
        return split;
    }

    private static void expectShare(Problems about, String key, double expected, int rows, int total, String side,
                                    Map<String, Double> logged) {
        Double found = logged.get(key);
        if (found == null || Math.abs(found - expected) > SHARE_TOLERANCE) {
            about.add(String.format(Locale.ROOT, "expected metric %s = %s (%d of the %d %s rows the run recorded), "
                    + "found %s", key, SplitMetric.apart(expected, found == null ? Double.NaN : found), rows, total,
                    side, found == null ? "none" : SplitMetric.apart(found, expected)));
        }
    }

    private static String counts(KeyedSplit split) {
        List<String> classes = split.classes().stream()
                .map(label -> label + " " + split.testRows(label) + "/" + split.rows(label)).toList();
        return "(" + String.join(", ", classes) + ")";
    }
}
