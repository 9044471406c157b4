package org.mllabs.grading;

import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Where a grader finds a learner's work, and what it may use to check it. Closing it closes the MLflow client and
 * stops Spark if a check started it.
 *
 * @param learner whose work it is
 * @param server the MLflow server the lab logged to
 * @param mlflow the client layer on that server: tracking, registry, artifacts, models
 * @param spark Spark for checks that re-score a model, started on first use
 * @param seed the grading seed that held-out data is drawn from
 */
public record GradingContext(LearnerId learner, MlflowServer server, LabMlflow mlflow, GradingSpark spark, long seed)
        implements AutoCloseable {

    /** The seed of held-out data when no instructor has set one. */
    public static final long PRACTICE_SEED = 20_251_121L;

    /** A context for the learner on the server, with the public practice seed. */
    public static GradingContext of(LearnerId learner, MlflowServer server) {
        return of(learner, server, PRACTICE_SEED);
    }

    /** A context for the learner on the server, drawing held-out data from the seed. */
    public static GradingContext of(LearnerId learner, MlflowServer server, long seed) {
        return new GradingContext(learner, server, LabMlflow.open(server.trackingUri()), new GradingSpark(), seed);
    }

    /** The experiment the learner's runs of a lab belong in. */
    public String experimentName(String labId) {
        return learner.experimentName(labId);
    }

    @Override
    public void close() {
        mlflow.close();
        spark.close();
    }
}
