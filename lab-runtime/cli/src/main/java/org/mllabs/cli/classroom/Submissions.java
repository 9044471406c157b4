package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mllabs.runtime.LearnerId;

/**
 * A folder of learners' checkouts being graded: each valid submission runs in a child JVM ({@link SubmissionRun}) in
 * a {@link SubmissionSandbox}, then is graded in this process with the instructor's grader, on what it logged whatever
 * way its run ended. The gradebook gets only what this process computed: the grade, and the run's end as this process
 * saw it. Closing it kills any child still running.
 */
public final class Submissions implements AutoCloseable {

    private final Setup setup;
    private final InstructorGrading grading;
    private final SubmissionSandbox sandbox;
    private final ChildProcesses children;
    private final SubmissionRun run;
    private final EndedRuns ended;

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

    /**
     * What a batch of submissions is.
     *
     * @param labId the lab each submission runs
     * @param labFolder the lab's folder name, which a checkout must hold
     * @param trackingUri the server every run logs to, the instructor's
     * @param credentials the user each learner's run logs as (on a shared server, that learner's)
     * @param logs the folder of the per-learner logs
     * @param sameUser whether the instructor accepts that submissions run as the instructor's user
     * @param secrets what no submission may read (the grading seed's file)
     * @param guarded what no submission may write (the gradebook's folder, the state directory, the checkout)
     * @param unseen the folders no submission may see (the checkout, the state directory, the gradebook's and the
     *     logs' folders, the submissions, the secrets' folders, the home folder)
     * @param restart whether every learner runs again, even one whose run ended and only its grading did not
     * @param stop stopped when the batch is interrupted or the server stays down
     * @param say told what happens
     */
    public record Setup(String labId, String labFolder, URI trackingUri, LearnerCredentials credentials, Path logs,
                        boolean sameUser, List<Path> secrets, List<Path> guarded, List<Path> unseen,
                        boolean restart, BatchStop stop, Consumer<String> say) {
    }

    private Submissions(Setup setup, InstructorGrading grading, SubmissionSandbox sandbox, ChildProcesses children,
                        SubmissionRun run) {
        this.setup = setup;
        this.grading = grading;
        this.sandbox = sandbox;
        this.children = children;
        this.run = run;
        this.ended = new EndedRuns(setup.logs());
    }

    /**
     * Gets ready to run submissions.
     *
     * @param setup what the batch is
     * @param grading grades each learner afterwards
     * @param limits time, memory and parallelism
     * @throws IllegalStateException when the submissions cannot be kept from the instructor's files (see
     *     {@link SubmissionSandbox#prepare})
     */
    public static Submissions prepare(Setup setup, InstructorGrading grading, Limits limits) {
        try {
            Files.createDirectories(setup.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + setup.logs(), e);
        }
        SubmissionSandbox sandbox = SubmissionSandbox.prepare(limits.jobs(), setup.sameUser(), limits.memory(),
                setup.secrets(), setup.guarded(), setup.unseen(), setup.say(), setup.stop());
        ChildProcesses children = new ChildProcesses(setup.stop());
        SubmissionRun run = new SubmissionRun(sandbox, children, setup.labId(), setup.trackingUri(),
                new SubmissionRun.Settings(setup.logs(), limits.timeout(), limits.sparkMaster(),
                        setup.credentials()));
        return new Submissions(setup, grading, sandbox, children, run);
    }

    /** The folder of the per-learner logs. */
    public Path logs() {
        return setup.logs();
    }

    /**
     * Runs the submission, after deleting the learner's earlier work of the lab on the server, then grades what it
     * logged. Nothing is run, deleted or graded for a folder that is not a checkout of the lab, nor for a roster's
     * learner without a folder ({@link LearnerStatus#NO_SUBMISSION}): no points. A run that ended while the server
     * answered, whose grading an outage cut short, is graded again without running again.
     *
     * @throws IllegalStateException when the batch is stopping: the learner is not started and gets no row
     */
    public GradebookRow runAndGrade(SubmissionFolder folder) {
        long start = System.nanoTime();
        if (folder.learner().isEmpty()) {
            return grading.row(folder.key(), 0, 0, LearnerStatus.INVALID_NAME, start);
        }
        LearnerId learner = folder.learner().get();
        if (!folder.submitted()) {
            return grading.notGraded(learner, LearnerStatus.NO_SUBMISSION, start);
        }
        if (!folder.isCheckoutOf(setup.labFolder())) {
            setup.say().accept(learner + ": " + folder.directory() + " is not a checkout with labs/"
                    + setup.labFolder() + "/lab.yaml, pom.xml and lab-runtime/: nothing run, nothing of the "
                    + "learner's deleted. Put the learner's checkout there and grade again.");
            return grading.notGraded(learner, LearnerStatus.NOT_A_CHECKOUT, start);
        }
        Optional<LearnerStatus> earlier = setup.restart() ? Optional.empty() : ended.read(learner);
        LearnerStatus status;
        if (earlier.isPresent()) {
            status = earlier.get();
            setup.say().accept(learner + ": grading again what the last batch's run logged (it ended " + status
                    + " before the server stopped answering), without running it again.");
        } else {
            if (setup.stop().stopped() || !grading.serverAnswers()) {
                throw new IllegalStateException("not started: " + setup.stop().reason().orElse("the batch stopped"));
            }
            grading.clearEarlierWork(learner);
            ChildExit exit = run.run(folder.directory(), learner);
            if (exit.serverDown()) {
                setup.say().accept(learner + ": the MLflow server did not answer during the run: GRADER_ERROR, run "
                        + "again by the next batch.");
                return grading.row(learner.value(), 0, 0, LearnerStatus.GRADER_ERROR, start);
            }
            status = exit.status();
            ended.write(learner, status);
        }
        GradebookRow row = grading.grade(learner, status, start);
        if (row.status().isFinal()) {
            ended.forget(learner);
        }
        return row;
    }

    @Override
    public void close() {
        try {
            children.close();
        } finally {
            sandbox.close();
        }
    }
}
