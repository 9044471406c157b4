package org.mllabs.runtime.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A one-dimensional density for TPE: a mixture of normals truncated to the parameter's bounds, one normal per
 * observation plus one for the prior, as in Hyperopt's {@code adaptive_parzen_normal}. Each observation's width is
 * the larger distance to its neighbours, clipped between {@code priorSigma / min(100, 1 + components)} and
 * {@code priorSigma}, so the density is sharp where observations crowd and broad where they are few.
 */
final class ParzenEstimator {

    private static final int MAX_DRAWS = 10_000;

    private final double[] weights;
    private final double[] mus;
    private final double[] sigmas;
    private final double low;
    private final double high;
    private final double acceptance;

    private ParzenEstimator(double[] weights, double[] mus, double[] sigmas, double low, double high) {
        this.weights = weights;
        this.mus = mus;
        this.sigmas = sigmas;
        this.low = low;
        this.high = high;
        double inside = 0;
        for (int i = 0; i < mus.length; i++) {
            inside += weights[i] * (NormalDistribution.cdf(high, mus[i], sigmas[i])
                    - NormalDistribution.cdf(low, mus[i], sigmas[i]));
        }
        this.acceptance = inside;
    }

    /**
     * Fits the mixture.
     *
     * @param observations values in model space, oldest first
     * @param low the lower bound in model space
     * @param high the upper bound in model space
     * @param settings the prior weight and the forgetting
     */
    static ParzenEstimator fit(double[] observations, double low, double high, TpeSettings settings) {
        double priorMu = 0.5 * (low + high);
        double priorSigma = high - low;
        double[] observationWeights = forgettingWeights(observations.length, settings.forgetAfter());
        List<double[]> components = new ArrayList<>();
        for (int i = 0; i < observations.length; i++) {
            components.add(new double[] {observations[i], observationWeights[i]});
        }
        components.sort(Comparator.comparingDouble(component -> component[0]));
        int priorAt = 0;
        while (priorAt < components.size() && components.get(priorAt)[0] < priorMu) {
            priorAt++;
        }
        components.add(priorAt, new double[] {priorMu, settings.priorWeight()});

        int m = components.size();
        double[] mus = new double[m];
        double[] weights = new double[m];
        for (int i = 0; i < m; i++) {
            mus[i] = components.get(i)[0];
            weights[i] = components.get(i)[1];
        }
        double[] sigmas = new double[m];
        if (m == 2) {
            sigmas[1 - priorAt] = 0.5 * priorSigma;
        } else if (m > 2) {
            sigmas[0] = mus[1] - mus[0];
            sigmas[m - 1] = mus[m - 1] - mus[m - 2];
            for (int i = 1; i < m - 1; i++) {
                sigmas[i] = Math.max(mus[i] - mus[i - 1], mus[i + 1] - mus[i]);
            }
        }
        double minSigma = priorSigma / Math.min(100.0, 1.0 + m);
        for (int i = 0; i < m; i++) {
            sigmas[i] = Math.min(priorSigma, Math.max(minSigma, sigmas[i]));
        }
        sigmas[priorAt] = priorSigma;
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        for (int i = 0; i < m; i++) {
            weights[i] /= total;
        }
        return new ParzenEstimator(weights, mus, sigmas, low, high);
    }

    /**
     * Hyperopt's linear forgetting: the newest {@code forgetAfter} observations weigh 1, older ones ramp from
     * {@code 1/n} up to 1.
     */
    static double[] forgettingWeights(int n, int forgetAfter) {
        double[] weights = new double[n];
        int ramp = Math.max(0, n - forgetAfter);
        for (int i = 0; i < n; i++) {
            weights[i] = i >= ramp ? 1.0 : ramp == 1 ? 1.0 / n : 1.0 / n + i * (1.0 - 1.0 / n) / (ramp - 1);
        }
        return weights;
    }

    /** A point drawn from the truncated mixture. */
    double sample(Random rng) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            int component = pick(rng.nextDouble());
            double x = mus[component] + sigmas[component] * rng.nextGaussian();
            if (x >= low && x <= high) {
                return x;
            }
        }
        return Math.min(high, Math.max(low, mus[pick(rng.nextDouble())]));
    }

    /** The log density at x, within the bounds. */
    double logDensity(double x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            terms[i] = Math.log(weights[i]) + NormalDistribution.logDensity(x, mus[i], sigmas[i]);
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double term : terms) {
            sum += Math.exp(term - max);
        }
        return max + Math.log(sum) - Math.log(acceptance);
    }

    /** The log probability of the bin {@code [x - q/2, x + q/2]}, cut to the bounds: a q-uniform value's mass. */
    double logBinProbability(double x, double q) {
        double lower = Math.max(low, x - q / 2);
        double upper = Math.min(high, x + q / 2);
        double mass = 0;
        for (int i = 0; i < mus.length; i++) {
            mass += weights[i] * (NormalDistribution.cdf(upper, mus[i], sigmas[i])
                    - NormalDistribution.cdf(lower, mus[i], sigmas[i]));
        }
        return Math.log(Math.max(mass, Double.MIN_NORMAL)) - Math.log(acceptance);
    }

    private int pick(double u) {
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (u < cumulative) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
