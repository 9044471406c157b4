package org.mllabs.lab01;

import java.util.List;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 01, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab01` checks it in MLflow.
 *
 * <p>{@code context.tracking()} is MLflow's Java client; {@code context.mlflow().artifacts()} uploads artifacts.
 */
final class TrackingSteps {

    private final LabContext context;

    TrackingSteps(LabContext context) {
        this.context = context;
    }

    /**
     * Step 1: returns the id of the experiment named {@code context.experimentName()}, created if it does not exist.
     */
    String createExperiment() {
        // TODO lab01.step1
        throw new StepNotDoneException("lab01.step1", "create the experiment, or reuse it when it exists");
    }

    /** Step 2: starts the parent run of the sweep and returns its id. */
    String startParentRun(String experimentId) {
        // TODO lab01.step2
        throw new StepNotDoneException("lab01.step2", "start the parent run 'regparam-sweep' with tags and params");
    }

    /** Step 3: logs one candidate as a finished child run of the parent and returns its id. */
    String logCandidate(String experimentId, String parentRunId, double regParam, int maxIter, double testAuc) {
        // TODO lab01.step3
        throw new StepNotDoneException("lab01.step3", "log the candidate as a nested child run");
    }

    /** Step 4: logs the training loss after each iteration as the metric {@code train_loss} over steps. */
    void logLossCurve(String runId, double[] objectiveHistory) {
        // TODO lab01.step4
        throw new StepNotDoneException("lab01.step4", "log train_loss with one step per iteration");
    }

    /** Step 5: tags the candidate run with its model family. */
    void tagRun(String runId) {
        // TODO lab01.step5
        throw new StepNotDoneException("lab01.step5", "tag the run model_family=logistic_regression");
    }

    /** Step 6: logs the candidate's coefficients as the artifact {@code coefficients.json}. */
    void logCoefficients(String runId, List<String> features, double[] coefficients) {
        // TODO lab01.step6
        throw new StepNotDoneException("lab01.step6", "log coefficients.json as an artifact of the run");
    }

    /** Step 7: finds the best candidate with a search and records it on the parent run, then finishes the parent. */
    void recordBest(String experimentId, String parentRunId) {
        // TODO lab01.step7
        throw new StepNotDoneException("lab01.step7", "search for the best child run and record it on the parent");
    }
}
