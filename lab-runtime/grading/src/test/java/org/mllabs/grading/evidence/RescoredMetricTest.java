package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.AllowedDifference;

class RescoredMetricTest {

    private static final String HELD_OUT = "5000 held-out rows (grading seed 7)";

    @Test
    void aReportedValueWithinTheAllowedDifferenceAgrees() {
        RescoredMetric rmse = new RescoredMetric("test_rmse", 43.6, 44.9, AllowedDifference.relative(0.16), false);

        assertThat(rmse.agrees()).isTrue();
        assertThat(rmse.problem(HELD_OUT)).isEmpty();
    }

    @Test
    void anErrorFarBelowTheHeldOutOneFlattersTheModel() {
        RescoredMetric rmse = new RescoredMetric("test_rmse", 32.7, 44.9, AllowedDifference.relative(0.16), false);

        assertThat(rmse.flatters()).isTrue();
        assertThat(rmse.problem(HELD_OUT)).contains("test_rmse 32.7000 is not what the model scores: 44.9000 on "
                + HELD_OUT + ", ±16% allowed; it is better than the model does on rows it never saw, as a metric of "
                + "the training rows (or a number typed in) is");
    }

    @Test
    void aScoreFarBelowTheHeldOutOneIsWrongButDoesNotFlatter() {
        RescoredMetric auc = new RescoredMetric("test_roc_auc", 0.72, 0.85, AllowedDifference.absolute(0.04), true);

        assertThat(auc.agrees()).isFalse();
        assertThat(auc.flatters()).isFalse();
        assertThat(auc.problem(HELD_OUT)).contains(
                "test_roc_auc 0.7200 is not what the model scores: 0.8500 on " + HELD_OUT + ", ±0.04 allowed");
    }

    @Test
    void aMetricTheRunLacksIsNamed() {
        RescoredMetric f1 = new RescoredMetric("test_f1", null, 0.52, AllowedDifference.absolute(0.1), true);

        assertThat(f1.agrees()).isFalse();
        assertThat(f1.flatters()).isFalse();
        assertThat(f1.problem(HELD_OUT)).contains("expected metric test_f1, found none");
    }
}
