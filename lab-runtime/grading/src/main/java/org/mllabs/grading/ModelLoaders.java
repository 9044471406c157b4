package org.mllabs.grading;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background threads that load learners' models ahead of the checks that score them, one pool for a
 * {@link GradingSession}: the grades of a class share it, and it is shut down once, when the session closes. Its
 * threads start on the first load and stop after a few idle seconds.
 */
public final class ModelLoaders implements AutoCloseable {

    /** Models loaded at once: Spark's small jobs of two loads interleave well on two cores. */
    public static final int THREADS = 2;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "mllabs-model-preload");
                thread.setDaemon(true);
                return thread;
            });

    /** A pool with no thread yet. */
    public ModelLoaders() {
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the load on one of the threads, after the loads queued before it.
     *
     * @throws IllegalStateException once the session is over
     */
    public void execute(Runnable load) {
        try {
            pool.execute(load);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("The grading session is over: its model loaders are shut down", e);
        }
    }

    /** Whether the session's end has shut the pool down. */
    public boolean closed() {
        return pool.isShutdown();
    }

    /** Drops the loads still queued and interrupts those under way: nothing is graded after the session ends. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
