package org.mllabs.graders.lab02;

import java.util.Locale;
import org.mllabs.grading.Tolerance;

/**
 * A statistic a pipeline stage learnt when it was fitted (an imputer's surrogate, a scaler's mean), beside the same
 * statistic computed by the grader on the recorded training split and on the whole data. Which of the two it equals
 * tells which rows the stage was fitted on.
 *
 * <p>The comparison is {@link Tolerance#close}, a relative difference of at most 1e-6. The grader recomputes each
 * statistic on the same rows with the same arithmetic as Spark, in another order at most, which moves it by about
 * 1e-13. The training split's and the whole data's statistics of the churn data differ by 8.6e-5 (the scaler's mean
 * of the imputed monthly_charges, the closest pair) to 2.9e-2 of their size with the lab's split seed, and by 1e-4 to
 * 9e-4 at the closest with the seeds 1, 7 and 2024: a hundred times the tolerance. A statistic whose two values are
 * closer than the tolerance cannot tell the rows apart and counts as the training split's.
 *
 * @param name what it is, such as {@code imputer surrogate for monthly_charges}
 * @param fitted the value in the learner's model
 * @param training the value on the recorded training split
 * @param whole the value on the whole data
 */
record FittedStatistic(String name, double fitted, double training, double whole) {

    /** Which rows the statistic was fitted on, as far as it can tell. */
    enum Source {
        /** The training split's value (or one the whole data shares). */
        TRAINING_SPLIT,
        /** The whole data's value, not the training split's: the stage saw the test rows. */
        WHOLE_DATA,
        /** Neither: the stage was fitted on other rows than the recorded split. */
        OTHER_ROWS
    }

    /** Which rows the statistic was fitted on. */
    Source source() {
        if (Tolerance.close(training, fitted)) {
            return Source.TRAINING_SPLIT;
        }
        return Tolerance.close(whole, fitted) ? Source.WHOLE_DATA : Source.OTHER_ROWS;
    }

    /** What the statistic shows, with as many digits as tell its values apart. */
    String describe() {
        int digits = digitsToTellApart(fitted, training, whole);
        return switch (source()) {
            case TRAINING_SPLIT -> name + " is the training split's " + format(fitted, digits);
            case WHOLE_DATA -> name + " is the whole data's " + format(fitted, digits) + ", the training split's is "
                    + format(training, digits);
            case OTHER_ROWS -> name + " is " + format(fitted, digits) + ", neither the training split's "
                    + format(training, digits) + " nor the whole data's " + format(whole, digits);
        };
    }

    /** The fewest significant digits, from 6, that print apart every two of the values that are not close. */
    private static int digitsToTellApart(double fitted, double training, double whole) {
        int digits = 6;
        while (digits < 15 && (same(fitted, training, digits) || same(fitted, whole, digits)
                || same(training, whole, digits))) {
            digits++;
        }
        return digits;
    }

    private static boolean same(double a, double b, int digits) {
        return !Tolerance.close(a, b) && format(a, digits).equals(format(b, digits));
    }

    private static String format(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "g", value).replaceFirst("\\.?0+(e|$)", "$1");
    }
}
