package org.mllabs.cli.classroom;

import org.mllabs.runtime.lab.LabRunResult;

/** How one learner's part of a class grading ended, as the gradebook's {@code status} column says it. */
public enum LearnerStatus {
    /** {@code --server}: graded from what the MLflow server holds. */
    GRADED,
    /** The submission's lab code ran to the end. */
    COMPLETED,
    /** The submission's lab code does not compile. */
    DID_NOT_COMPILE,
    /** The submission's lab code stopped at a step still marked TODO. */
    STEP_NOT_DONE,
    /** The submission's lab code threw. */
    LAB_FAILED,
    /** The submission's lab code did not end within the time limit and was killed. */
    TIMEOUT,
    /** The child JVM ended some other way: out of memory, killed, or an error of the lab command itself. */
    CRASHED,
    /** The submission folder's name cannot be made a learner id, or another folder already took that id. */
    INVALID_NAME,
    /**
     * {@code --submissions}: the learner's folder holds no checkout of the lab (no {@code labs/<lab>/lab.yaml}):
     * nothing ran, nothing of the learner's was deleted. Graded again on the next run, once the folder is fixed.
     */
    NOT_A_CHECKOUT,
    /**
     * On the roster, but nothing was handed in: no experiment on the server ({@code --server}) or no submission folder
     * ({@code --submissions}). Graded as it is (nothing), and again on the next run, in case the work arrives late.
     */
    NO_SUBMISSION,
    /** The grader itself failed, such as when the MLflow server stopped answering: graded again on the next run. */
    GRADER_ERROR;

    /** Whether a later run keeps this result rather than grading the learner again. */
    public boolean isFinal() {
        return this != GRADER_ERROR && this != NO_SUBMISSION && this != NOT_A_CHECKOUT;
    }

    /** The status of a lab run that ended with exit status 3 and wrote how it ended. */
    static LearnerStatus of(LabRunResult.Status status) {
        return switch (status) {
            case COMPLETED -> COMPLETED;
            case STEP_NOT_DONE -> STEP_NOT_DONE;
            case DOES_NOT_COMPILE -> DID_NOT_COMPILE;
            case FAILED -> LAB_FAILED;
        };
    }
}
