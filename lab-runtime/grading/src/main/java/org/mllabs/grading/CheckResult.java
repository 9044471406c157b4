package org.mllabs.grading;

/**
 * What one check found.
 *
 * @param status passed, failed, skipped, or an error of the environment
 * @param detail for a pass, what was found; for a failure, a hint that shows what the grader observed; for a skip, why;
 *     for an error, what failed
 */
public record CheckResult(Status status, String detail) {

    /** How a check ended. */
    public enum Status {
        /** The work is there and right. */
        PASSED,
        /** The work is missing or wrong. */
        FAILED,
        /** Not looked at, because a check it depends on did not pass. */
        SKIPPED,
        /**
         * Could not be checked because the grading environment failed (the MLflow server stopped answering): not the
         * learner's doing, and no grade; grading again once the environment is back decides it.
         */
        ERROR
    }

    /** The work is right; {@code observed} says what was found. */
    public static CheckResult passed(String observed) {
        return new CheckResult(Status.PASSED, observed);
    }

    /** The work is missing or wrong; {@code hint} shows what was found and what was expected. */
    public static CheckResult failed(String hint) {
        return new CheckResult(Status.FAILED, hint);
    }

    /** Not looked at. */
    public static CheckResult skipped(String reason) {
        return new CheckResult(Status.SKIPPED, reason);
    }

    /** The environment failed while checking; {@code reason} says how. */
    public static CheckResult error(String reason) {
        return new CheckResult(Status.ERROR, reason);
    }

    /** Passed with {@code observed} when {@code ok}, else failed with {@code hint}. */
    public static CheckResult when(boolean ok, String observed, String hint) {
        return ok ? passed(observed) : failed(hint);
    }

    /** Whether the check passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }
}
