package org.mllabs.runtime.search;

import java.util.Random;

/**
 * A number drawn from a {@link Distribution} between two bounds. Search algorithms work in the parameter's
 * <em>model space</em>, where the prior is uniform: the value itself, or its logarithm for {@link
 * Distribution#LOG_UNIFORM}.
 *
 * @param label the parameter's name
 * @param distribution its prior
 * @param low the lower bound
 * @param high the upper bound
 * @param q the step of a {@link Distribution#Q_UNIFORM} value, 0 otherwise
 */
public record NumericParameter(String label, Distribution distribution, double low, double high, double q)
        implements Parameter {

    /** Checks the bounds: {@code low < high}, positive for a log-uniform, and a positive step for a q-uniform. */
    public NumericParameter {
        if (!(low < high)) {
            throw new IllegalArgumentException(label + ": low " + low + " must be below high " + high);
        }
        if (distribution == Distribution.LOG_UNIFORM && low <= 0) {
            throw new IllegalArgumentException(label + ": a log-uniform needs positive bounds, not " + low);
        }
        if (distribution == Distribution.Q_UNIFORM ? !(q > 0) : q != 0) {
            throw new IllegalArgumentException(label + ": step q " + q + " fits no " + distribution);
        }
    }

    /** A value drawn from the prior. */
    public double sample(Random rng) {
        return fromModel(modelLow() + rng.nextDouble() * (modelHigh() - modelLow()));
    }

    /** The lower bound in model space. */
    double modelLow() {
        return toModel(low);
    }

    /** The upper bound in model space. */
    double modelHigh() {
        return toModel(high);
    }

    /** A value in model space. */
    double toModel(double value) {
        return distribution == Distribution.LOG_UNIFORM ? Math.log(value) : value;
    }

    /** The value of a point of model space: its exponential, or rounded to the step, or itself. */
    double fromModel(double model) {
        return switch (distribution) {
            case UNIFORM -> model;
            case LOG_UNIFORM -> Math.exp(model);
            case Q_UNIFORM -> Math.round(model / q) * q;
        };
    }
}
