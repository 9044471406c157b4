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
     * @param warn told why a learner could not be graded
     */
    public InstructorGrading(Grader grader, MlflowServer server, GradingSeed seed, Consumer<String> warn) {
        this.grader = grader;
        this.server = server;
        this.seed = seed;
        this.warn = warn;
    }

    /** Grades the learner's work as the server holds it ({@code --server}): status {@link LearnerStatus#GRADED}. */
    public GradebookRow gradeFromServer(LearnerId learner) {
        return grade(learner, LearnerStatus.GRADED, System.nanoTime());
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
