package org.mllabs.runtime.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session started on first use and stopped on close, for work that may not need Spark at all: a lab whose
 * steps log to MLflow only, a grade with no check that re-scores a model. A session that was already running in the
 * JVM (a test's, a caller's) is used as it is and left running on close: only a session this started is stopped.
 */
public final class SparkOnDemand implements Supplier<SparkSession>, AutoCloseable {

    private final LabSpark settings;
    private SparkSession session;
    private boolean owned;

    /**
     * @param settings how to build the session when it is first asked for
     */
    public SparkOnDemand(LabSpark settings) {
        this.settings = settings;
    }

    /** The session, started on first use. */
    @Override
    public synchronized SparkSession get() {
        if (session == null) {
            boolean running = SparkSession.getDefaultSession().isDefined()
                    || SparkSession.getActiveSession().isDefined();
            session = settings.getOrCreate();
            owned = !running;
        }
        return session;
    }

    /** Whether the session has been started. */
    public synchronized boolean started() {
        return session != null;
    }

    /** Stops the session if this started it; forgets it either way. */
    @Override
    public synchronized void close() {
        if (session != null && owned) {
            session.stop();
        }
        session = null;
    }
}
