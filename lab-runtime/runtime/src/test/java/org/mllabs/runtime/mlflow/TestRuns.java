package org.mllabs.runtime.mlflow;

import java.util.UUID;

/** Fresh experiments, runs and names for integration tests that share one server. */
public final class TestRuns {

    private TestRuns() {
    }

    /** A name no other test uses, such as {@code registry-3f2a9c1b}. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new run in a new experiment. */
    public static String newRun(LabMlflow mlflow, String prefix) {
        String experimentId = mlflow.client().createExperiment(uniqueName(prefix));
        return mlflow.client().createRun(experimentId).getRunId();
    }
}
