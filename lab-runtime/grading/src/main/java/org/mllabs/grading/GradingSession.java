package org.mllabs.grading;

/**
 * What the grades of one grading share, made where it starts and closed once where it ends: the Spark session that
 * re-scores models ({@link GradingSpark}) and the threads that load them ({@link ModelLoaders}). A class graded in
 * one process ({@code lab grade-all}) is one session for all its learners; a single {@code lab grade} is a session of
 * one, which {@link GradingContext#of(org.mllabs.runtime.LearnerId, org.mllabs.runtime.server.MlflowServer)} makes
 * and its context closes.
 */
public final class GradingSession implements AutoCloseable {

    private final GradingSpark spark;
    private final ModelLoaders modelLoaders = new ModelLoaders();

    /** A session whose Spark starts on first use. */
    public GradingSession() {
        this(new GradingSpark());
    }

    /** A session around Spark made already; closing the session closes it. */
    GradingSession(GradingSpark spark) {
        this.spark = spark;
    }

    /** Spark for checks that re-score a model, started on first use. */
    public GradingSpark spark() {
        return spark;
    }

    /** The threads that load models in the background for every grade of the session. */
    public ModelLoaders modelLoaders() {
        return modelLoaders;
    }

    /** Shuts the model loaders down, then stops Spark if a check started it. */
    @Override
    public void close() {
        modelLoaders.close();
        spark.close();
    }
}
