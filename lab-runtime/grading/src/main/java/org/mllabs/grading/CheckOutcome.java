package org.mllabs.grading;

import java.time.Duration;

/**
 * A check and what it found.
 *
 * @param check the check
 * @param result what it found
 * @param duration how long the check took
 */
public record CheckOutcome(Check check, CheckResult result, Duration duration) {

    /** An outcome whose duration was not measured. */
    public CheckOutcome(Check check, CheckResult result) {
        this(check, result, Duration.ZERO);
    }

    /** The points earned: all of them for a pass, none otherwise. */
    public int earned() {
        return result.passed() ? check.points() : 0;
    }

    /**
     * Whether a report shows what the check found: always for a visible check, for a hidden one only when released.
     *
     * @param showHidden whether hidden checks are released (for instructors, or after publication)
     */
    public boolean shown(boolean showHidden) {
        return showHidden || check.visibility() != Visibility.HIDDEN;
    }
}
