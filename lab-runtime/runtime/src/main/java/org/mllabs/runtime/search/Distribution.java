package org.mllabs.runtime.search;

/** The prior of a {@link NumericParameter}. */
public enum Distribution {
    /** Uniform between the bounds. */
    UNIFORM,
    /** {@code exp(uniform(log(low), log(high)))}: each decade between the bounds is equally likely. */
    LOG_UNIFORM,
    /** {@code round(uniform(low, high) / q) * q}: a uniform value rounded to a multiple of {@code q}. */
    Q_UNIFORM
}
