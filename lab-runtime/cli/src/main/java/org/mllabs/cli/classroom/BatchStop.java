package org.mllabs.cli.classroom;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a class grading has been told to stop, and why: the batch was interrupted (Ctrl-C, {@code kill}) or the
 * MLflow server stopped answering. Once stopped, no learner in the queue is started: no earlier work is deleted, no
 * JVM is started, nobody gets a row for work that was not graded.
 */
public final class BatchStop {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Stops the batch; the first reason given is kept. */
    public void stop(String why) {
        reason.compareAndSet(null, why);
    }

    /** Whether the batch has been stopped. */
    public boolean stopped() {
        return reason.get() != null;
    }

    /** Why the batch was stopped, if it was. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }
}
