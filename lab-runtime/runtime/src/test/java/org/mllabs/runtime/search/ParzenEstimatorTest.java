package org.mllabs.runtime.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {

    private static final TpeSettings SETTINGS = TpeSettings.defaults();

    @Test
    void theTruncatedDensityIntegratesToOneWithinTheBounds() {
        ParzenEstimator estimator = ParzenEstimator.fit(new double[] {1.0, 1.5, 9.0}, 0, 10, SETTINGS);

        double integral = 0;
        int steps = 100_000;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(estimator.logDensity((i + 0.5) * 10.0 / steps)) * 10.0 / steps;
        }

        assertThat(integral).isCloseTo(1.0, offset(1e-3));
    }

    @Test
    void theBinsOfAQuantizedParameterSumToOne() {
        ParzenEstimator estimator = ParzenEstimator.fit(new double[] {3, 4, 4, 7}, 1, 10, SETTINGS);

        double total = 0;
        for (int value = 1; value <= 10; value++) {
            total += Math.exp(estimator.logBinProbability(value, 1));
        }

        assertThat(total).isCloseTo(1.0, offset(1e-4));
    }

    @Test
    void samplesStayInTheBoundsAndCrowdNearTheObservations() {
        ParzenEstimator estimator = ParzenEstimator.fit(new double[] {2.0, 2.1, 2.2, 1.9, 2.05}, 0, 10, SETTINGS);
        Random rng = new Random(5);

        int near = 0;
        for (int i = 0; i < 10_000; i++) {
            double x = estimator.sample(rng);
            assertThat(x).isBetween(0.0, 10.0);
            if (Math.abs(x - 2) < 1) {
                near++;
            }
        }

        // Five of six components sit at 2 with the least width allowed, 10 / min(100, 1 + 6), so about half the
        // draws land within 1 of 2, where the prior alone (a uniform would too) puts about a fifth.
        assertThat(near).isBetween(4_000, 6_000);
    }

    @Test
    void withoutObservationsOnlyThePriorRemains() {
        ParzenEstimator estimator = ParzenEstimator.fit(new double[0], 0, 10, SETTINGS);

        assertThat(estimator.logDensity(5)).isGreaterThan(estimator.logDensity(0.5));
    }

    @Test
    void olderObservationsWeighLessPastTheForgettingPoint() {
        double[] weights = ParzenEstimator.forgettingWeights(30, 25);

        assertThat(weights[0]).isCloseTo(1 / 30.0, offset(1e-12));
        assertThat(weights[4]).isCloseTo(1.0, offset(1e-12));
        assertThat(weights).hasSize(30);
        assertThat(ParzenEstimator.forgettingWeights(10, 25)).containsOnly(1.0);
    }

    @Test
    void categoricalWeightsAreCountsPlusThePrior() {
        CategoricalEstimator estimator = CategoricalEstimator.fit(new int[] {0, 0, 0, 2}, 3, SETTINGS);

        assertThat(Math.exp(estimator.logProbability(0))).isCloseTo(4 / 7.0, offset(1e-12));
        assertThat(Math.exp(estimator.logProbability(1))).isCloseTo(1 / 7.0, offset(1e-12));
        assertThat(Math.exp(estimator.logProbability(2))).isCloseTo(2 / 7.0, offset(1e-12));
    }
}
