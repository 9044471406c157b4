package org.mllabs.grading;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How far a value a learner reports may be from the value a grader computes itself: an absolute amount, such as 0.04
 * of an AUC, or a share of the grader's value, such as 16% of an RMSE. A grader chooses it from the sampling error of
 * the two estimates and says why in a comment.
 *
 * @param amount the amount, or the share when {@code relative}
 * @param relative whether {@code amount} is a share of the grader's value
 */
public record AllowedDifference(double amount, boolean relative) {

    public AllowedDifference {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("An allowed difference is a finite amount of zero or more, not "
                    + amount);
        }
    }

    /** At most {@code amount} either way. */
    public static AllowedDifference absolute(double amount) {
        return new AllowedDifference(amount, false);
    }

    /** At most {@code share} of the grader's value either way, such as 0.16 for 16%. */
    public static AllowedDifference relative(double share) {
        return new AllowedDifference(share, true);
    }

    /** The difference allowed around the grader's value. */
    public double around(double expected) {
        return relative ? amount * Math.abs(expected) : amount;
    }

    /** Whether {@code actual} is close enough to {@code expected}, the grader's value; never for NaN. */
    public boolean allows(double expected, double actual) {
        return Math.abs(expected - actual) <= around(expected);
    }

    /** Such as {@code ±0.04} or {@code ±16%}. */
    @Override
    public String toString() {
        if (!relative) {
            return "±" + amount;
        }
        BigDecimal percent = new BigDecimal(amount * 100).round(new MathContext(3)).stripTrailingZeros();
        return "±" + percent.toPlainString() + "%";
    }
}
