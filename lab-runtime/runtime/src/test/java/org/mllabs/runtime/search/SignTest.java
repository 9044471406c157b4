package org.mllabs.runtime.search;

/** The exact one-sided sign test: how likely this many wins or more are if each side wins a fair coin toss. */
final class SignTest {

    private SignTest() {
    }

    /** {@code P(X >= wins)} for {@code X ~ Binomial(trials, 1/2)}. */
    static double pValue(int wins, int trials) {
        double p = 0;
        for (int k = wins; k <= trials; k++) {
            p += Math.exp(logChoose(trials, k) - trials * Math.log(2));
        }
        return Math.min(1, p);
    }

    private static double logChoose(int n, int k) {
        double log = 0;
        for (int i = 1; i <= k; i++) {
            log += Math.log(n - k + i) - Math.log(i);
        }
        return log;
    }
}
