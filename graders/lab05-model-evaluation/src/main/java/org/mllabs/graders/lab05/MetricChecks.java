package org.mllabs.graders.lab05;

import static org.mllabs.runtime.mlflow.RunData.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.graders.lab05.EvaluationEvidence.Side;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.SplitMetric;
import org.mllabs.grading.evidence.UnscorableModelException;

/**
 * Steps 3 to 5: every {@code test_} metric a run logs is what its logged model scores on the test rows the run
 * recorded, recomputed exactly with the metric's evaluator. The grader never takes a run's number for it; a wrong one
 * is named when it is another metric of the same rows or the training rows' value.
 */
final class MetricChecks {

    private final EvaluationEvidence evidence;

    MetricChecks(EvaluationEvidence evidence) {
        this.evidence = evidence;
    }

    /** The task's model metrics, recomputed on the recorded split. */
    CheckResult rescored(GradedTask task) {
        Problems problems = new Problems();
        Problems about = problems.about("run " + task.runName());
        Optional<Run> run = evidence.run(task);
        if (run.isEmpty()) {
            return problems.add(evidence.noRun(task)).result("");
        }
        Optional<Map<GradedMetric, Double>> test;
        Map<GradedMetric, Double> training;
        try {
            test = evidence.scores(task, run.get(), EvaluationEvidence.MODEL, Side.TEST);
            training = evidence.scores(task, run.get(), EvaluationEvidence.MODEL, Side.TRAINING).orElse(Map.of());
        } catch (UnscorableModelException e) {
            return about.add(e.getMessage()).result("");
        }
        if (test.isEmpty()) {
            return about.add(evidence.nothingToScore(run.get(), EvaluationEvidence.MODEL) + " (EvaluationLab logs "
                    + "them before step " + task.step() + ")").result("");
        }
        List<String> found = new ArrayList<>();
        for (GradedMetric metric : task.metrics()) {
            SplitMetric recomputed = recomputed(run.get(), "test_", metric, task, test.get(), training)
                    .within(metric.resolution(evidence.testRows(run.get())));
            recomputed.problem().ifPresentOrElse(about::add, () -> found.add(String.format(Locale.ROOT, "%s %.4f",
                    recomputed.key(), recomputed.onTest())));
        }
        return problems.result(task.runName() + " on its recorded test rows: " + String.join(", ", found));
    }

    /**
     * The metric a run logs under the prefix beside what the model scores on the recorded test and training rows, and
     * what the task's other evaluator metrics give on the test rows, which a wrong metric name would log.
     */
    static SplitMetric recomputed(Run run, String prefix, GradedMetric metric, GradedTask task,
                                  Map<GradedMetric, Double> test, Map<GradedMetric, Double> training) {
        SplitMetric recomputed = SplitMetric.of(prefix + metric.key(), metrics(run).get(prefix + metric.key()),
                test.get(metric), training.getOrDefault(metric, Double.NaN));
        task.metrics().stream().filter(other -> other != metric).forEach(other -> recomputed.or(
                "what metricName " + other.sparkName() + " gives (not " + metric.sparkName() + ")", test.get(other)));
        return recomputed;
    }
}
