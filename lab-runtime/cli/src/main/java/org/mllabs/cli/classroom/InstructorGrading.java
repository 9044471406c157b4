package org.mllabs.cli.classroom;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mllabs.grading.Check;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSeed;
import org.mllabs.grading.GradingSession;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.MlflowHealth;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Grades learners in this process with the instructor's grader and the instructor's grading seed, each reading only
 * that learner's experiment on the server through a client of its own; whatever the learner's work holds, the result
 * is a gradebook row. The learners' grades are one {@link GradingSession}: they share one Spark session, started
 * only if a check re-scores a model, and one pool of model loaders, both closed when this is closed.
 *
 * <p>An outage is never a learner's 0: a grade counts only if the server answered before and after it. When it did
 * not, the learner is graded again once the server is back (waiting up to {@code serverWait}); when it stays down the
 * learner's row is {@link LearnerStatus#GRADER_ERROR}, which the next run grades again, and the batch is stopped.
 */
public final class InstructorGrading implements AutoCloseable {

    /** How long a learner's grading waits for the server to answer again, by default. */
    public static final Duration SERVER_WAIT = Duration.ofSeconds(30);

    private static final int ATTEMPTS = 2;

    private final Grader grader;
    private final MlflowServer server;
    private final Optional<MlflowCredentials> reader;
    private final GradingSeed seed;
    private final GradingSession session = new GradingSession();
    private final Consumer<String> warn;
    private final BatchStop stop;
    private final Duration serverWait;

    /**
     * @param grader the lab's grader, from the instructor's class path
     * @param server the server the learners' labs logged to
     * @param reader who reads the learners' work: on a shared server, the admin; empty on a server without
     *     authentication
     * @param seed the seed held-out data is drawn from
     * @param warn told why a learner could not be graded, and of earlier work deleted before a submission runs
     * @param stop stopped when the server stays down
     * @param serverWait how long to wait for a server that does not answer before giving up on a learner
     */
    public InstructorGrading(Grader grader, MlflowServer server, Optional<MlflowCredentials> reader, GradingSeed seed,
                             Consumer<String> warn, BatchStop stop, Duration serverWait) {
        this.grader = grader;
        this.server = server;
        this.reader = reader;
        this.seed = seed;
        this.warn = warn;
        this.stop = stop;
        this.serverWait = serverWait;
    }

    /**
     * Grades the learner's work as the server holds it ({@code --server}): status {@link LearnerStatus#GRADED}, or
     * {@link LearnerStatus#NO_SUBMISSION} when the learner (from a roster) has no experiment of the lab.
     */
    public GradebookRow gradeFromServer(LearnerId learner) {
        long start = System.nanoTime();
        return grade(learner, () -> {
            try (LabMlflow mlflow = LabMlflow.open(server.trackingUri(), reader)) {
                return mlflow.activeExperiment(learner.experimentName(grader.labId())).isPresent()
                        ? LearnerStatus.GRADED : LearnerStatus.NO_SUBMISSION;
            }
        }, start);
    }

    /**
     * Deletes the learner's earlier experiment, runs and registered models of the lab on the server, so that a
     * submission run next is graded on what it logs and nothing older.
     */
    void clearEarlierWork(LearnerId learner) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri(), reader)) {
            LearnerLabReset.Deleted deleted = new LearnerLabReset(mlflow).reset(grader.labId(), learner);
            if (deleted.any()) {
                warn.accept(learner + ": deleted " + deleted + " of an earlier batch before running the submission.");
            }
        }
    }

    /**
     * Grades the learner.
     *
     * @param status how the learner's run ended, recorded unless the grading itself fails
     * @param startNanos when the learner's turn began, for the duration
     */
    GradebookRow grade(LearnerId learner, LearnerStatus status, long startNanos) {
        return grade(learner, () -> status, startNanos);
    }

    private GradebookRow grade(LearnerId learner, Supplier<LearnerStatus> status, long startNanos) {
        String problem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (!serverAnswers()) {
                problem = "the MLflow server " + server.trackingUri() + " does not answer";
                break;
            }
            try (LabMlflow mlflow = LabMlflow.open(server.trackingUri(), reader)) {
                LearnerStatus ended = status.get();
                GradeReport report = Grading.grade(grader,
                        new GradingContext(learner, server, mlflow, session, seed.value()));
                if (report.complete() && MlflowHealth.isUp(server.trackingUri())) {
                    return row(learner.value(), report.score(), report.maxScore(), ended, startNanos);
                }
                problem = report.firstError().map(error -> error.check().id() + " could not be checked: "
                        + error.result().detail())
                        .orElse("the MLflow server " + server.trackingUri() + " stopped answering during the grading");
            } catch (RuntimeException e) {
                problem = e.toString();
            }
            warn.accept(learner + " could not be graded: " + problem + (attempt < ATTEMPTS ? "; grading again." : "."));
        }
        if (!MlflowHealth.isUp(server.trackingUri())) {
            stop.stop("the MLflow server " + server.trackingUri() + " stopped answering");
        }
        return row(learner.value(), 0, 0, LearnerStatus.GRADER_ERROR, startNanos);
    }

    /**
     * Whether the server answers, waiting up to the server wait for it to come back; when it does not, the batch is
     * stopped.
     */
    boolean serverAnswers() {
        long deadline = System.nanoTime() + serverWait.toNanos();
        while (!MlflowHealth.isUp(server.trackingUri())) {
            if (System.nanoTime() >= deadline || stop.stopped()) {
                stop.stop("the MLflow server " + server.trackingUri() + " stopped answering");
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * A row of no points for a learner whose work is not graded (nothing handed in, a folder that is no checkout),
     * out of the lab's points; the server is not read for the learner's work.
     */
    GradebookRow notGraded(LearnerId learner, LearnerStatus status, long startNanos) {
        return row(learner.value(), 0, maxPoints(learner), status, startNanos);
    }

    /** The lab's points: every check's, the hidden ones' included; 0 when the checks cannot be listed. */
    private int maxPoints(LearnerId learner) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri(), reader)) {
            GradingContext context = new GradingContext(learner, server, mlflow, session, seed.value());
            return Grading.allChecks(grader, context).stream().mapToInt(Check::points).sum();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Ends the grading session: shuts its model loaders down and stops Spark, if a check started it. */
    @Override
    public void close() {
        session.close();
    }

    /** A row for the learner that is not graded, such as an {@link LearnerStatus#INVALID_NAME}. */
    GradebookRow row(String learner, int score, int max, LearnerStatus status, long startNanos) {
        return new GradebookRow(learner, grader.labId(), score, max, status, (System.nanoTime() - startNanos) / 1e9);
    }
}
