package org.mllabs.graders.lab01;

import static org.mllabs.runtime.mlflow.RunData.name;

import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.HiddenChecks;
import org.mllabs.grading.Problems;

/**
 * Lab 01's hidden check: the visible step 4 check accepts any curve that ends no higher than it starts, so a learner
 * who logs the final loss at every step (a flat line) passes it; this one wants the real training curve, which
 * L-BFGS never lets rise and which ends below its start.
 */
public final class TrackingHiddenChecks implements HiddenChecks {

    @Override
    public String labId() {
        return "lab01";
    }

    @Override
    public List<Check> checks(GradingContext context) {
        TrackingEvidence evidence = TrackingEvidence.of(context);
        return List.of(Check.of("lab01.step4.training-curve", 10, "train_loss is the training curve",
                "README step 4: log objectiveHistory[step] at each step, the loss after that iteration, in order.",
                () -> trainingCurves(evidence)).dependsOn("lab01.step4"));
    }

    private static CheckResult trainingCurves(TrackingEvidence evidence) {
        Problems problems = new Problems();
        for (Run child : evidence.candidates()) {
            curveProblem(evidence.runs().history(child, "train_loss"))
                    .ifPresent(problems.about("child " + name(child))::add);
        }
        return problems.result("falling train_loss curves");
    }

    private static Optional<String> curveProblem(List<Metric> history) {
        for (int i = 1; i < history.size(); i++) {
            double before = history.get(i - 1).getValue();
            double after = history.get(i).getValue();
            if (after > before) {
                return Optional.of("train_loss rises from " + before + " at step " + history.get(i - 1).getStep()
                        + " to " + after + " at step " + history.get(i).getStep());
            }
        }
        double first = history.get(0).getValue();
        double last = history.get(history.size() - 1).getValue();
        return last < first ? Optional.empty()
                : Optional.of("train_loss stays at " + first + " over " + history.size() + " steps");
    }
}
