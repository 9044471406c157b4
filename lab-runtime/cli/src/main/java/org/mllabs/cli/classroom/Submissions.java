package org.mllabs.cli.classroom;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.mllabs.runtime.LearnerId;

/**
 * A folder of learners' checkouts being graded: each valid submission runs in a child JVM
 * ({@link SubmissionRun}), then is graded in this process with the instructor's grader, on what it logged whatever
 * way its run ended. Closing it kills any child still running.
 */
public final class Submissions implements AutoCloseable {

    private final InstructorGrading grading;
    private final ChildProcesses children;
    private final SubmissionRun run;
    private final Path logs;

    /**
     * How submissions run.
     *
     * @param timeout how long one run may take
     * @param memory each child JVM's heap, such as {@code 2g}
     * @param jobs how many run at once
     * @param cores the machine's cores, shared out among the runs' Spark sessions
     */
    public record Limits(Duration timeout, String memory, int jobs, int cores) {

        public Limits {
            if (!memory.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("--memory " + memory + " is not a heap size: write a number with "
                        + "k, m or g, such as 1500m or 2g.");
            }
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("--timeout must be longer than 0.");
            }
        }

        /** Each run's Spark master: its share of the cores. */
        String sparkMaster() {
            return "local[" + Math.max(1, cores / Math.max(1, jobs)) + "]";
        }
    }

    private Submissions(InstructorGrading grading, ChildProcesses children, SubmissionRun run, Path logs) {
        this.grading = grading;
        this.children = children;
        this.run = run;
        this.logs = logs;
    }

    /**
     * Gets ready to run submissions.
     *
     * @param labId the lab each submission runs
     * @param grading grades each learner afterwards
     * @param trackingUri the server every run logs to, the instructor's
     * @param limits time, memory and parallelism
     * @param logs the folder of the per-learner logs
     * @param work the folder of the per-learner state directories
     */
    public static Submissions prepare(String labId, InstructorGrading grading, URI trackingUri, Limits limits,
                                      Path logs, Path work) {
        ChildProcesses children = new ChildProcesses();
        SubmissionRun run = new SubmissionRun(ChildJvm.likeThisOne(limits.memory(), work), children, labId,
                trackingUri, new SubmissionRun.Settings(logs, work.resolve("learners"), limits.timeout(),
                limits.sparkMaster()));
        return new Submissions(grading, children, run, logs);
    }

    /** The folder of the per-learner logs. */
    public Path logs() {
        return logs;
    }

    /**
     * Deletes the learner's earlier work of the lab on the server, runs the submission, then grades what it logged.
     * A roster's learner without a folder is graded on nothing: {@link LearnerStatus#NO_SUBMISSION}.
     */
    public GradebookRow runAndGrade(SubmissionFolder folder) {
        long start = System.nanoTime();
        if (folder.learner().isEmpty()) {
            return grading.row(folder.key(), 0, 0, LearnerStatus.INVALID_NAME, start);
        }
        LearnerId learner = folder.learner().get();
        grading.clearEarlierWork(learner);
        if (!folder.submitted()) {
            return grading.grade(learner, LearnerStatus.NO_SUBMISSION, start);
        }
        return grading.grade(learner, run.run(folder.directory(), learner).status(), start);
    }

    @Override
    public void close() {
        children.close();
    }
}
