package org.mllabs.grading;

import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.spark.LabSpark;

/**
 * The Spark session of a grade, started only when a check re-scores a model: a grade with no such check never starts
 * Spark and stays quick.
 */
public final class GradingSpark implements AutoCloseable {

    private SparkSession session;

    /** The session, started on first use. */
    public synchronized SparkSession session() {
        if (session == null) {
            session = LabSpark.builder().appName("mllabs grading").getOrCreate();
        }
        return session;
    }

    /** Whether a check has started Spark. */
    public synchronized boolean started() {
        return session != null;
    }

    /** Stops the session if a check started it. */
    @Override
    public synchronized void close() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
