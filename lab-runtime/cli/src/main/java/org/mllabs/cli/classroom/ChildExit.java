package org.mllabs.cli.classroom;

import java.util.Optional;
import org.mllabs.cli.ExitCodes;
import org.mllabs.runtime.lab.LabRunResult;

/**
 * How a submission's child JVM ended.
 *
 * @param exitCode its exit status; meaningless when it timed out
 * @param timedOut whether it was killed at the time limit
 * @param reported the status its {@code lab run} wrote ({@link LabRunStatusFile}), if it wrote one
 * @param serverDown whether the MLflow server failed to answer while it ran or right after: then how it ended says
 *     nothing about the learner's work
 */
record ChildExit(int exitCode, boolean timedOut, Optional<LabRunResult.Status> reported, boolean serverDown) {

    /** How a run ended while the server answered throughout. */
    ChildExit(int exitCode, boolean timedOut, Optional<LabRunResult.Status> reported) {
        this(exitCode, timedOut, reported, false);
    }

    /**
     * The learner's status: {@link LearnerStatus#GRADER_ERROR} when the server was down; exit 0 is a completed run;
     * exit 3 with a status written is what that status says; any other end (killed, out of memory, an error of the
     * lab command, exit 3 from the JVM itself) is a crash.
     */
    LearnerStatus status() {
        if (serverDown) {
            return LearnerStatus.GRADER_ERROR;
        }
        if (timedOut) {
            return LearnerStatus.TIMEOUT;
        }
        if (exitCode == ExitCodes.OK && reported.equals(Optional.of(LabRunResult.Status.COMPLETED))) {
            return LearnerStatus.COMPLETED;
        }
        if (exitCode == ExitCodes.LAB_DID_NOT_COMPLETE && reported.isPresent()
                && reported.get() != LabRunResult.Status.COMPLETED) {
            return LearnerStatus.of(reported.get());
        }
        return LearnerStatus.CRASHED;
    }
}
