package org.mllabs.runtime.lab;

import java.time.Duration;
import java.util.Optional;

/**
 * How a lab run ended.
 *
 * @param status how it ended
 * @param message what to tell the learner
 * @param stepId the step that was not done, for {@link Status#STEP_NOT_DONE}
 * @param duration how long it took, compilation included
 */
public record LabRunResult(Status status, String message, Optional<String> stepId, Duration duration) {

    /** How a lab run ended. */
    public enum Status {
        /** Every step ran. */
        COMPLETED,
        /** A starter step is still a TODO. */
        STEP_NOT_DONE,
        /** The lab's code does not compile. */
        DOES_NOT_COMPILE,
        /** The lab's code threw. */
        FAILED
    }

    /** Whether every step ran. */
    public boolean completed() {
        return status == Status.COMPLETED;
    }
}
