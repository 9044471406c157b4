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
import org.mllabs.grading.evidence.RescoredMetric;

/**
 * Steps 3 to 5: every {@code test_} metric a run logs is what its logged model scores on held-out data, within the
 * metric's allowed difference. The grader never takes a run's number for it.
 */
final class MetricChecks {

    private final EvaluationEvidence evidence;

    MetricChecks(EvaluationEvidence evidence) {
        this.evidence = evidence;
    }

    /** The task's model metrics, re-scored. */
    CheckResult rescored(GradedTask task) {
        Problems problems = new Problems();
        Problems about = problems.about("run " + task.runName());
        Optional<Run> run = evidence.run(task);
        if (run.isEmpty()) {
            return problems.add(evidence.noRun(task)).result("");
        }
        Optional<Map<GradedMetric, Double>> scores = evidence.scores(task, run.get(), EvaluationEvidence.MODEL);
        if (scores.isEmpty()) {
            return about.add("no model under " + EvaluationEvidence.MODEL + "/ to score (EvaluationLab logs it "
                    + "before step " + task.step() + ")").result("");
        }
        List<String> found = new ArrayList<>();
        for (GradedMetric metric : task.metrics()) {
            RescoredMetric rescored = rescored(run.get(), "test_", metric, scores.get());
            rescored.problem(evidence.heldOutDescription())
                    .ifPresentOrElse(problem -> about.add(problem + lookalike(task, metric, rescored, scores.get())),
                            () -> found.add(String.format(Locale.ROOT, "%s %.4f (held-out %.4f)", rescored.key(),
                                    rescored.reported(), rescored.rescored())));
        }
        return problems.result(task.runName() + ": " + String.join(", ", found));
    }

    /** The metric a run logs under the prefix beside what the model scored on held-out data. */
    static RescoredMetric rescored(Run run, String prefix, GradedMetric metric, Map<GradedMetric, Double> scores) {
        return new RescoredMetric(prefix + metric.key(), metrics(run).get(prefix + metric.key()), scores.get(metric),
                metric.allowed(), metric.largerIsBetter());
    }

    /**
     * When a wrong value is what another of the task's evaluators gives, says which: the mark of a metric name set
     * on the evaluator by mistake. Not for a value that flatters the model, which training rows explain better: the
     * RMSE of the training rows can come near the MAE of new ones.
     */
    static String lookalike(GradedTask task, GradedMetric metric, RescoredMetric rescored,
                            Map<GradedMetric, Double> scores) {
        if (rescored.reported() == null || rescored.flatters()) {
            return "";
        }
        return task.metrics().stream()
                .filter(other -> other != metric && other.allowed().allows(scores.get(other), rescored.reported()))
                .findFirst()
                .map(other -> String.format(Locale.ROOT, "; it is what metricName %s gives (%.4f), not %s",
                        other.sparkName(), scores.get(other), metric.sparkName()))
                .orElse("");
    }
}
