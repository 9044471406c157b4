package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitMetricTest {

    @Test
    void theTestRowsValueUpToRoundingAgrees() {
        assertThat(SplitMetric.of("test_auc", 0.812345678901, 0.8123456789015, 0.83).problem()).isEmpty();
    }

    @Test
    void aBinnedAreaAgreesWithinItsResolutionAndANudgedOneDoesNot() {
        assertThat(SplitMetric.of("test_auc", 0.84304, 0.84303, 0.8417).problem()).isPresent();
        assertThat(SplitMetric.of("test_auc", 0.84304, 0.84303, 0.8417).within(1e-3).problem()).isEmpty();
        assertThat(SplitMetric.of("test_auc", 0.85303, 0.84303, 0.8417).within(1e-3).problem()).isPresent();
    }

    @Test
    void aValueOfTheTrainingRowsIsNamedEvenWhenItIsCloseToTheTestRowsOne() {
        SplitMetric metric = SplitMetric.of("test_auc", 0.80124, 0.80121, 0.80124);

        assertThat(metric.isTheTrainingSplits()).isTrue();
        assertThat(metric.problem()).hasValue("test_auc 0.80124 is the model's value on the training split, not the "
                + "test split: the model scores 0.80121 on the recorded test rows");
    }

    @Test
    void aBinnedAreaOfTheTrainingRowsIsNamedTooButNotAValueNearerTheTestRows() {
        assertThat(SplitMetric.of("test_auc", 0.7939, 0.7957, 0.79387).isTheTrainingSplits()).isTrue();
        assertThat(SplitMetric.of("test_auc", 0.7956, 0.7957, 0.7950).isTheTrainingSplits()).isFalse();
        assertThat(SplitMetric.of("test_auc", 0.70, 0.7957, 0.7939).isTheTrainingSplits()).isFalse();
    }

    @Test
    void anotherMetricOfTheSameRowsIsNamed() {
        SplitMetric metric = SplitMetric.of("test_f1", 0.6988, 0.6512, 0.66).or("metricName accuracy", 0.6988)
                .or("metricName weightedRecall", 0.6988);

        assertThat(metric.problem()).hasValue("test_f1 0.6988 is metricName accuracy: the model scores 0.6512 on "
                + "the recorded test rows");
    }

    @Test
    void aValueThatIsNoneOfThemShowsAllThreeWithTheDigitsThatTellThemApart() {
        assertThat(SplitMetric.of("test_rmse", 41.2, 41.23, 30.5).problem()).hasValue("test_rmse 41.2 is not what "
                + "the model scores on the recorded test rows: 41.23 (on the training rows 30.5); log the value the "
                + "evaluator computes on the test split");
        assertThat(SplitMetric.of("test_rmse", null, 41.23, 30.5).problem()).hasValue("expected metric test_rmse, "
                + "found none");
    }

    @Test
    void printsAsManyDigitsAsItTakesToDiffer() {
        assertThat(SplitMetric.apart(0.69881234, 0.69884)).isEqualTo("0.69881");
        assertThat(SplitMetric.apart(0.6988, 0.5)).isEqualTo("0.6988");
        assertThat(SplitMetric.apart(0.6988, Double.NaN)).isEqualTo("0.6988");
    }
}
