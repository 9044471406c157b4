package org.mllabs.grading;

import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Where a grader finds a learner's work.
 *
 * @param learner whose work it is
 * @param server the MLflow server the lab logged to
 * @param mlflow the client layer on that server: tracking, registry, artifacts
 */
public record GradingContext(LearnerId learner, MlflowServer server, LabMlflow mlflow) {

    /** A context for the learner on the server. */
    public static GradingContext of(LearnerId learner, MlflowServer server) {
        return new GradingContext(learner, server, LabMlflow.open(server.trackingUri()));
    }

    /** The experiment the learner's runs of a lab belong in. */
    public String experimentName(String labId) {
        return learner.experimentName(labId);
    }
}
