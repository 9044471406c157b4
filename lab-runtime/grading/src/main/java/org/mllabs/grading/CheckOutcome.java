package org.mllabs.grading;

/**
 * A check and what it found.
 *
 * @param check the check
 * @param result what it found
 */
public record CheckOutcome(Check check, CheckResult result) {

    /** The points earned: all of them for a pass, none otherwise. */
    public int earned() {
        return result.passed() ? check.points() : 0;
    }
}
