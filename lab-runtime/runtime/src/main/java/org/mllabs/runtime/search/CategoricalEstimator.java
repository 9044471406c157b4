package org.mllabs.runtime.search;

import java.util.Random;

/**
 * TPE's density over a choice's options: how often each option was chosen, with the prior weight added to every
 * option as a pseudo-count, so no option's probability falls to zero (Hyperopt's {@code ap_categorical_sampler}).
 */
final class CategoricalEstimator {

    private final double[] probabilities;

    private CategoricalEstimator(double[] probabilities) {
        this.probabilities = probabilities;
    }

    /**
     * Fits the weights.
     *
     * @param chosen the chosen indices, oldest first
     * @param options how many options there are
     * @param settings the prior weight and the forgetting
     */
    static CategoricalEstimator fit(int[] chosen, int options, TpeSettings settings) {
        double[] counts = new double[options];
        double[] weights = ParzenEstimator.forgettingWeights(chosen.length, settings.forgetAfter());
        for (int i = 0; i < chosen.length; i++) {
            counts[chosen[i]] += weights[i];
        }
        double total = 0;
        for (int option = 0; option < options; option++) {
            counts[option] += settings.priorWeight();
            total += counts[option];
        }
        for (int option = 0; option < options; option++) {
            counts[option] /= total;
        }
        return new CategoricalEstimator(counts);
    }

    /** An index drawn from the weights. */
    int sample(Random rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }

    /** The log probability of an index. */
    double logProbability(int index) {
        return Math.log(probabilities[index]);
    }
}
