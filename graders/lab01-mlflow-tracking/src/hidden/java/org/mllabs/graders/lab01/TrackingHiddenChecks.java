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
import org.mllabs.grading.Tolerance;

/**
 * Lab 01's hidden check: the visible step 4 check accepts any curve that ends no higher than it starts, so a learner
 * who logs the final loss at every step (a flat line), or types in a falling curve, passes it; this one wants the real
 * training curve, which L-BFGS never lets rise, which ends below its start, and which the grader re-derives by fitting
 * the run's logistic regression again on the recorded training rows.
 */
public final class TrackingHiddenChecks implements HiddenChecks {

    /**
     * How far, relatively, a logged loss may be from the refit's: the refit adds the same rows in another order, which
     * changes the loss in its last digits only; a loss curve that is not the optimiser's differs at the first step.
     */
    static final double REFIT_TOLERANCE = 1e-6;

    @Override
    public String labId() {
        return TrackingGrader.STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        TrackingEvidence evidence = TrackingEvidence.of(context);
        return List.of(TrackingGrader.STEPS.check(4, "training-curve", 10, "train_loss is the training curve",
                "log objectiveHistory[step] at each step, the loss after that iteration, in order.",
                () -> trainingCurves(evidence)).dependsOn(TrackingGrader.STEPS.id(4)));
    }

    private static CheckResult trainingCurves(TrackingEvidence evidence) {
        Problems problems = new Problems();
        evidence.runs().preload(evidence.candidates(), TrackingEvidence.MODEL_PATH);
        for (Run child : evidence.candidates()) {
            List<Metric> history = evidence.runs().history(child, "train_loss");
            curveProblem(history)
                    .or(() -> evidence.refitLossCurve(child).flatMap(refit -> refitProblem(history, refit)))
                    .ifPresent(problems.about("child " + name(child))::add);
        }
        return problems.result("falling train_loss curves");
    }

    /** Where the logged curve differs from the refit's, step by step (relative to {@value #REFIT_TOLERANCE}). */
    private static Optional<String> refitProblem(List<Metric> history, double[] refit) {
        if (history.size() != refit.length) {
            return Optional.of("train_loss has " + history.size() + " steps, a refit of the model on the recorded "
                    + "training rows takes " + refit.length + " iterations (the loss after each, in order)");
        }
        for (int i = 0; i < refit.length; i++) {
            double logged = history.get(i).getValue();
            if (!Tolerance.withinRelative(refit[i], logged, REFIT_TOLERANCE)) {
                return Optional.of("train_loss at step " + history.get(i).getStep() + " is " + logged + ", not the "
                        + "loss after that iteration of a refit of the model on the recorded training rows, "
                        + refit[i] + ": log objectiveHistory[step]");
            }
        }
        return Optional.empty();
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
