package org.mllabs.runtime.search;

/**
 * The knobs of TPE, named as in Hyperopt's {@code tpe.suggest}.
 *
 * @param gamma the share of trials, scaled by the square root of their number, that count as good: the best
 *              {@code ceil(gamma * sqrt(n))} of n OK trials make l(x), the rest g(x)
 * @param startupTrials how many trials are drawn at random before TPE models anything
 * @param candidates how many candidates are drawn from l(x) for each parameter; the one with the highest
 *                   l(x)/g(x) is proposed
 * @param priorWeight the weight of the prior among a Parzen estimator's components, and the pseudo-count of each
 *                    option of a choice
 * @param forgetAfter past this many observations, older ones weigh less (Hyperopt's linear forgetting)
 */
public record TpeSettings(double gamma, int startupTrials, int candidates, double priorWeight, int forgetAfter) {

    /** Checks the ranges. */
    public TpeSettings {
        if (!(gamma > 0 && gamma <= 1) || startupTrials < 1 || candidates < 1 || !(priorWeight > 0)
                || forgetAfter < 1) {
            throw new IllegalArgumentException("TPE settings out of range: gamma " + gamma + ", startup "
                    + startupTrials + ", candidates " + candidates + ", prior weight " + priorWeight
                    + ", forget after " + forgetAfter);
        }
    }

    /**
     * Hyperopt's values except the start-up: gamma 0.25, 24 candidates, prior weight 1, forgetting after 25; 10
     * random trials first instead of Hyperopt's 20, so that a 20-trial lab search has 10 guided trials.
     */
    public static TpeSettings defaults() {
        return new TpeSettings(0.25, 10, 24, 1.0, 25);
    }

    /** The same settings with another start-up. */
    public TpeSettings withStartupTrials(int trials) {
        return new TpeSettings(gamma, trials, candidates, priorWeight, forgetAfter);
    }
}
