package org.mllabs.runtime.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session started on first use and stopped on close, for work that may not need Spark at all: a lab whose
 * steps log to MLflow only, a grade with no check that re-scores a model.
 */
public final class SparkOnDemand implements Supplier<SparkSession>, AutoCloseable {

    private final LabSpark settings;
    private SparkSession session;

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
            session = settings.getOrCreate();
        }
        return session;
    }

    /** Whether the session has been started. */
    public synchronized boolean started() {
        return session != null;
    }

    /** Stops the session if it was started. */
    @Override
    public synchronized void close() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
