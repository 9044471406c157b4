package org.mllabs.graders.lab02;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FittedStatisticTest {

    private static final String SURROGATE = "imputer surrogate for monthly_charges";
    private static final double TRAINING = 63.884905419223;
    private static final double WHOLE = 63.879240767485115;

    @Test
    void aValueRecomputedInAnotherOrderIsTheTrainingSplits() {
        FittedStatistic statistic = new FittedStatistic(SURROGATE, TRAINING * (1 + 1e-13), TRAINING, WHOLE);

        assertThat(statistic.source()).isEqualTo(FittedStatistic.Source.TRAINING_SPLIT);
        assertThat(statistic.describe()).isEqualTo(SURROGATE + " is the training split's 63.8849");
    }

    @Test
    void theWholeDatasValueIsNamedBesideTheTrainingSplits() {
        FittedStatistic statistic = new FittedStatistic(SURROGATE, WHOLE, TRAINING, WHOLE);

        assertThat(statistic.source()).isEqualTo(FittedStatistic.Source.WHOLE_DATA);
        assertThat(statistic.describe())
                .isEqualTo(SURROGATE + " is the whole data's 63.8792, the training split's is 63.8849");
    }

    @Test
    void valuesCloseInTheirFirstDigitsArePrintedWithEnoughDigitsToTellThemApart() {
        FittedStatistic statistic = new FittedStatistic("scaler mean of x", 1.0000012, 1.0000024, 1.0000036);

        assertThat(statistic.source()).isEqualTo(FittedStatistic.Source.OTHER_ROWS);
        assertThat(statistic.describe()).isEqualTo("scaler mean of x is 1.000001, neither the training split's "
                + "1.000002 nor the whole data's 1.000004");
    }

    @Test
    void aStatisticTheTwoSidesShareCountsAsTheTrainingSplits() {
        FittedStatistic statistic = new FittedStatistic("scaler mean of contract_vec_unknown", 0, 0, 0);

        assertThat(statistic.source()).isEqualTo(FittedStatistic.Source.TRAINING_SPLIT);
        assertThat(statistic.describe()).endsWith("is the training split's 0");
    }
}
