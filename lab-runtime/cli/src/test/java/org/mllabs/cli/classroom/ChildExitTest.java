package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.lab.LabRunResult.Status;

/** How a child JVM's end becomes the learner's status. */
class ChildExitTest {

    private static LearnerStatus status(int exitCode, Status reported) {
        return new ChildExit(exitCode, false, Optional.ofNullable(reported)).status();
    }

    @Test
    void exitZeroIsACompletedRun() {
        assertThat(status(0, Status.COMPLETED)).isEqualTo(LearnerStatus.COMPLETED);
    }

    @Test
    void exitThreeIsWhatTheRunReported() {
        assertThat(status(3, Status.STEP_NOT_DONE)).isEqualTo(LearnerStatus.STEP_NOT_DONE);
        assertThat(status(3, Status.DOES_NOT_COMPILE)).isEqualTo(LearnerStatus.DID_NOT_COMPILE);
        assertThat(status(3, Status.FAILED)).isEqualTo(LearnerStatus.LAB_FAILED);
    }

    @Test
    void anyOtherEndIsACrash() {
        assertThat(status(3, null)).as("ExitOnOutOfMemoryError exits 3 without a report")
                .isEqualTo(LearnerStatus.CRASHED);
        assertThat(status(0, null)).isEqualTo(LearnerStatus.CRASHED);
        assertThat(status(4, null)).isEqualTo(LearnerStatus.CRASHED);
        assertThat(status(137, Status.STEP_NOT_DONE)).isEqualTo(LearnerStatus.CRASHED);
    }

    @Test
    void aKilledRunIsATimeoutWhateverItReported() {
        assertThat(new ChildExit(137, true, Optional.of(Status.COMPLETED)).status()).isEqualTo(LearnerStatus.TIMEOUT);
    }

    @Test
    void aRunWhileTheServerWasDownIsAGraderErrorWhateverItReported() {
        assertThat(new ChildExit(0, false, Optional.of(Status.COMPLETED), true).status())
                .isEqualTo(LearnerStatus.GRADER_ERROR);
        assertThat(new ChildExit(3, false, Optional.of(Status.FAILED), true).status())
                .isEqualTo(LearnerStatus.GRADER_ERROR);
    }

    @Test
    void onlyAGraderErrorANoSubmissionOrANonCheckoutIsGradedAgain() {
        assertThat(LearnerStatus.values()).filteredOn(status -> !status.isFinal())
                .containsExactlyInAnyOrder(LearnerStatus.GRADER_ERROR, LearnerStatus.NO_SUBMISSION,
                        LearnerStatus.NOT_A_CHECKOUT);
    }
}
