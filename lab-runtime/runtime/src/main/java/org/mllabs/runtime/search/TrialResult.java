package org.mllabs.runtime.search;

import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Objective} returns for one trial.
 *
 * @param status whether the trial gave a loss
 * @param loss the loss to minimize; {@code NaN} for a failed trial
 * @param metrics further figures to log with the trial, such as a training time
 * @param failure why a failed trial failed; empty for an OK trial
 */
public record TrialResult(TrialStatus status, double loss, Map<String, Double> metrics, String failure) {

    /** Copies the metrics. */
    public TrialResult {
        Objects.requireNonNull(status, "status");
        metrics = Map.copyOf(metrics);
        failure = failure == null ? "" : failure;
    }

    /** A loss. */
    public static TrialResult ok(double loss) {
        return new TrialResult(TrialStatus.OK, loss, Map.of(), "");
    }

    /** A loss with further metrics. */
    public static TrialResult ok(double loss, Map<String, Double> metrics) {
        return new TrialResult(TrialStatus.OK, loss, metrics, "");
    }

    /** A failed trial and why. */
    public static TrialResult fail(String failure) {
        return new TrialResult(TrialStatus.FAIL, Double.NaN, Map.of(), failure);
    }

    /** Whether the trial gave a usable loss: status OK and a number that is not NaN. */
    public boolean isOk() {
        return status == TrialStatus.OK && !Double.isNaN(loss);
    }
}
