package org.mllabs.cli.classroom;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Grades a class's learners, {@code jobs} at a time, and appends each one's row to the gradebook as soon as it is
 * known. One learner's failure is that learner's row; the batch goes on. A learner whose grading could not even
 * start (no JVM, a full disk) or was cut short by an interruption gets no row and is graded on the next run.
 */
public final class ClassGrading {

    private final Gradebook gradebook;
    private final int jobs;
    private final PrintWriter out;
    private final boolean terminal;

    /**
     * @param gradebook where the rows go
     * @param jobs how many learners at once
     * @param out where progress goes
     * @param terminal whether {@code out} is a terminal, for the progress bar
     */
    public ClassGrading(Gradebook gradebook, int jobs, PrintWriter out, boolean terminal) {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more, not " + jobs + ".");
        }
        this.gradebook = gradebook;
        this.jobs = jobs;
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Grades every learner until the batch is stopped, and waits until all that started are done. Once it is stopped
     * no learner still queued is started, and the output says how many were left for the next run.
     *
     * @param learners what to grade, one per learner
     * @param grading grades one learner into a gradebook row
     * @param stop stops the queue
     * @return how many learners got no row: not started, or their grading failed
     */
    public <T> int gradeAll(List<T> learners, Function<T, GradebookRow> grading, BatchStop stop) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, learners.size())));
        AtomicInteger notStarted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (BatchProgress progress = new BatchProgress(out, terminal, learners.size())) {
            for (T learner : learners) {
                pool.execute(() -> {
                    if (stop.stopped()) {
                        notStarted.incrementAndGet();
                        return;
                    }
                    try {
                        GradebookRow row = grading.apply(learner);
                        gradebook.append(row);
                        progress.graded(row);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        progress.failed(learner + ": not graded, " + e.getMessage());
                    }
                });
            }
            pool.shutdown();
            awaitTermination(pool);
            if (notStarted.get() > 0) {
                progress.failed("Stopped: " + stop.reason().orElse("") + ". "
                        + LearnerCount.of(notStarted.get(), "was", "were")
                        + " not started: run the same command again to grade them.");
            }
        }
        return notStarted.get() + failed.get();
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // a class of long labs: keep waiting
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
