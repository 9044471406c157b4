package org.mllabs.graders.lab01;

import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.HeldOutAuc;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * What the MLflow server holds of a learner's lab 01: the sweep's parent run and its children, read through the
 * grade's {@link LearnerRuns}.
 */
final class TrackingEvidence {

    static final String PARENT_RUN_NAME = "regparam-sweep";
    /** Rows of held-out data the candidates' models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;

    private final LearnerRuns runs;

    private TrackingEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static TrackingEvidence of(GradingContext context) {
        return new TrackingEvidence(LearnerRuns.of(context, "lab01"));
    }

    /** The learner's runs of lab 01. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest run named {@value #PARENT_RUN_NAME} that is not itself a child run. */
    Optional<Run> parent() {
        return runs.newestTopLevelRun(PARENT_RUN_NAME);
    }

    /** The child runs of the parent, oldest first. */
    List<Run> children() {
        return parent().map(runs::children).orElse(List.of());
    }

    /**
     * The AUC of the model the run logged under {@code model/}, on held-out data drawn from the grading seed; empty
     * when the run has no model. Starts Spark on first use.
     */
    Optional<Double> heldOutAuc(Run run) {
        return runs.model(run, "model").map(model -> HeldOutAuc.of(model,
                runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS)
                        .na().drop(TrackingGrader.FEATURES.toArray(String[]::new)),
                LabDataset.CUSTOMER_CHURN.labelColumn()));
    }
}
