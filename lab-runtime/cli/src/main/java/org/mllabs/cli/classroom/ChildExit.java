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
 */
record ChildExit(int exitCode, boolean timedOut, Optional<LabRunResult.Status> reported) {

    /**
     * The learner's status: exit 0 is a completed run; exit 3 with a status written is what that status says; any
     * other end (killed, out of memory, an error of the lab command, exit 3 from the JVM itself) is a crash.
     */
    LearnerStatus status() {
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
