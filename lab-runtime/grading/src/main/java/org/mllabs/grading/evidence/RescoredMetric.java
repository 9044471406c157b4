package org.mllabs.grading.evidence;

import java.util.Locale;
import java.util.Optional;
import org.mllabs.grading.AllowedDifference;

/**
 * A metric a learner's run reports, beside the value the grader gets by scoring the run's logged model on held-out
 * data itself. The two agree when they are within a difference the grader allows for the sampling error of both; a
 * reported value far better than the model's held-out score is what a metric computed on the training rows, or typed
 * in, looks like, and the problem says so.
 *
 * @param key the metric's key on the run, such as {@code test_rmse}
 * @param reported what the run reports; {@code null} when it reports nothing
 * @param rescored what the model scores on the held-out data
 * @param allowed how far apart the two may be
 * @param largerIsBetter whether a larger value is better (an AUC) rather than worse (an RMSE)
 */
public record RescoredMetric(String key, Double reported, double rescored, AllowedDifference allowed,
                             boolean largerIsBetter) {

    /** Whether the run reports the metric and its value is what the model scores, within the allowed difference. */
    public boolean agrees() {
        return reported != null && allowed.allows(rescored, reported);
    }

    /** Whether the run reports a value better than the model's held-out score by more than the allowed difference. */
    public boolean flatters() {
        return reported != null && !agrees() && (largerIsBetter ? reported > rescored : reported < rescored);
    }

    /**
     * What is wrong, in one line; empty when the two agree.
     *
     * @param heldOut the held-out data, such as {@code 5000 held-out rows (grading seed 7)}
     */
    public Optional<String> problem(String heldOut) {
        if (reported == null) {
            return Optional.of("expected metric " + key + ", found none");
        }
        if (agrees()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s %.4f is not what the model scores: %.4f on %s, %s allowed%s",
                key, reported, rescored, heldOut, allowed, flatters()
                        ? "; it is better than the model does on rows it never saw, as a metric of the training rows "
                                + "(or a number typed in) is"
                        : ""));
    }
}
