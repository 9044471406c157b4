package org.mllabs.runtime.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The entries of one audit, in order: each written where the audit keeps them (an {@link AuditRun} on the server),
 * then kept here and told to the learner in one line.
 *
 * @param <T> what an entry is
 */
final class AuditTrail<T> {

    private final Consumer<T> sink;
    private final Consumer<String> log;
    private final List<T> recorded = new ArrayList<>();

    /**
     * @param sink writes an entry; what it throws (the server went away) reaches the caller, and the entry is then not
     *     kept
     * @param log prints one line for the learner
     */
    AuditTrail(Consumer<T> sink, Consumer<String> log) {
        this.sink = sink;
        this.log = log;
    }

    /** The entries recorded so far, oldest first. */
    synchronized List<T> recorded() {
        return List.copyOf(recorded);
    }

    /** Writes the entry, keeps it and tells the learner {@code line}. */
    synchronized void add(T entry, String line) {
        sink.accept(entry);
        recorded.add(entry);
        log.accept(line);
    }
}
