package org.mllabs.runtime.datasets;

import java.util.Random;

/**
 * The random draws the generators make, on {@link java.util.Random}: its algorithm is fixed by its specification, so
 * a seed gives the same numbers on every JVM. Only the methods whose results the specification pins down are used
 * ({@code nextInt(bound)}, {@code nextDouble()}, {@code nextGaussian()}), and {@link StrictMath} for functions.
 */
final class DatasetRandom {

    private final Random random;

    DatasetRandom(long seed) {
        this.random = new Random(seed);
    }

    /** A whole number in {@code [0, bound)}. */
    int below(int bound) {
        return random.nextInt(bound);
    }

    /** A number in {@code [from, to)}. */
    double uniform(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** A normally distributed number. */
    double gaussian(double mean, double standardDeviation) {
        return mean + standardDeviation * random.nextGaussian();
    }

    /** An exponentially distributed number with this mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    /** A Poisson-distributed count with this mean (Knuth's method, fine for small means). */
    int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** True with this probability. */
    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** One of the values, drawn with the given weights (which sum to 1). */
    String choice(String[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
        }
        double draw = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < values.length - 1; i++) {
            cumulative += weights[i];
            if (draw < cumulative) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** The cell, or an empty cell (a missing value) with this probability. */
    String missingOr(double missingRate, String cell) {
        return chance(missingRate) ? "" : cell;
    }
}
