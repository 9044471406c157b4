package org.mllabs.runtime.search;

/** The standard normal's density and distribution function, which the JDK lacks. */
final class NormalDistribution {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private NormalDistribution() {
    }

    /** The log density of {@code N(mu, sigma)} at x. */
    static double logDensity(double x, double mu, double sigma) {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.log(sigma) - LOG_SQRT_2PI;
    }

    /** {@code P(X <= x)} for {@code X ~ N(mu, sigma)}. */
    static double cdf(double x, double mu, double sigma) {
        return 0.5 * erfc(-(x - mu) / (sigma * Math.sqrt(2)));
    }

    /** The complementary error function, with a relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
