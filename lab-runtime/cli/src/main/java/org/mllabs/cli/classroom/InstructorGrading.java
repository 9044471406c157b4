package org.mllabs.cli.classroom;

import java.util.function.Consumer;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSeed;
import org.mllabs.grading.GradingSpark;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Grades learners in this process with the instructor's grader and the instructor's grading seed, each reading only
 * that learner's experiment on the server through a client of its own; whatever the learner's work holds, the result
 * is a gradebook row. The learners share one Spark session, started only if a check re-scores a model, and stopped
 * when this is closed.
 */
public final class InstructorGrading implements AutoCloseable {

    private final Grader grader;
    private final MlflowServer server;
    private final GradingSeed seed;
    private final GradingSpark spark = new GradingSpark();
    private final Consumer<String> warn;

    /**
     * @param grader the lab's grader, from the instructor's class path
     * @param server the server the learners' labs logged to
     * @param seed the seed held-out data is drawn from
     * @param warn told why a learner could not be graded, and of earlier work deleted before a submission runs
     */
    public InstructorGrading(Grader grader, MlflowServer server, GradingSeed seed, Consumer<String> warn) {
        this.grader = grader;
        this.server = server;
        this.seed = seed;
        this.warn = warn;
    }

    /**
     * Grades the learner's work as the server holds it ({@code --server}): status {@link LearnerStatus#GRADED}, or
     * {@link LearnerStatus#NO_SUBMISSION} when the learner (from a roster) has no experiment of the lab.
     */
    public GradebookRow gradeFromServer(LearnerId learner) {
        long start = System.nanoTime();
        boolean submitted;
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            submitted = mlflow.activeExperiment(learner.experimentName(grader.labId())).isPresent();
        }
        return grade(learner, submitted ? LearnerStatus.GRADED : LearnerStatus.NO_SUBMISSION, start);
    }

    /**
     * Deletes the learner's earlier experiment, runs and registered models of the lab on the server, so that a
     * submission run next is graded on what it logs and nothing older.
     */
    void clearEarlierWork(LearnerId learner) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
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
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            GradeReport report = Grading.grade(grader,
                    new GradingContext(learner, server, mlflow, spark, seed.value()));
            return row(learner.value(), report.score(), report.maxScore(), status, startNanos);
        } catch (RuntimeException e) {
            warn.accept(learner + " could not be graded: " + e);
            return row(learner.value(), 0, 0, LearnerStatus.GRADER_ERROR, startNanos);
        }
    }

    /** Stops the shared Spark session, if a check started it. */
    @Override
    public void close() {
        spark.close();
    }

    /** A row for the learner that is not graded, such as an {@link LearnerStatus#INVALID_NAME}. */
    GradebookRow row(String learner, int score, int max, LearnerStatus status, long startNanos) {
        return new GradebookRow(learner, grader.labId(), score, max, status, (System.nanoTime() - startNanos) / 1e9);
    }
}
