package org.mllabs.grading;

/** Comparisons of floating-point values that learners' code and graders compute in different orders. */
public final class Tolerance {

    /** The relative difference graders accept by default for recomputed metrics. */
    public static final double DEFAULT_RELATIVE = 1e-6;

    private Tolerance() {
    }

    /** Whether {@code actual} is within {@code absolute} of {@code expected}. */
    public static boolean withinAbsolute(double expected, double actual, double absolute) {
        return Math.abs(expected - actual) <= absolute;
    }

    /** Whether {@code actual} differs from {@code expected} by at most {@code relative} of the larger magnitude. */
    public static boolean withinRelative(double expected, double actual, double relative) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return false;
        }
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return Math.abs(expected - actual) <= relative * Math.max(scale, Double.MIN_NORMAL);
    }

    /** Whether the two are equal up to {@link #DEFAULT_RELATIVE}. */
    public static boolean close(double expected, double actual) {
        return withinRelative(expected, actual, DEFAULT_RELATIVE);
    }
}
