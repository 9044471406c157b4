package org.mllabs.graders.lab09;

import static org.mllabs.runtime.mlflow.RunData.params;

import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Tolerance;

/**
 * The values a trial's run logged for the three parameters of the search space, to refit its model with, or to hold
 * against the params a logged model was fitted with.
 *
 * @param regParam {@code reg_param}, the logistic regression's {@code regParam}
 * @param elasticNet {@code elastic_net}, its {@code elasticNetParam}
 * @param maxIter {@code max_iter} rounded, its {@code maxIter}
 */
record TrialParams(double regParam, double elasticNet, int maxIter) {

    /** The trial's logged values; empty when one is missing or not a number. */
    static Optional<TrialParams> of(Run trial) {
        Map<String, String> params = params(trial);
        try {
            return Optional.of(new TrialParams(Double.parseDouble(params.get("reg_param")),
                    Double.parseDouble(params.get("elastic_net")),
                    (int) Math.round(Double.parseDouble(params.get("max_iter")))));
        } catch (NullPointerException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the two name the same model settings. */
    boolean sameAs(TrialParams other) {
        return Tolerance.close(regParam, other.regParam) && Tolerance.close(elasticNet, other.elasticNet)
                && maxIter == other.maxIter;
    }

    /** The values by the names Spark's logistic regression gives them. */
    String asSpark() {
        return "regParam=" + regParam + ", elasticNetParam=" + elasticNet + ", maxIter=" + maxIter;
    }

    @Override
    public String toString() {
        return "reg_param=" + regParam + ", elastic_net=" + elasticNet + ", max_iter=" + maxIter;
    }
}
