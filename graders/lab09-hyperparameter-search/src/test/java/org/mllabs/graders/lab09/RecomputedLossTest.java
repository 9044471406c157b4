package org.mllabs.graders.lab09;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecomputedLossTest {

    private static RecomputedLoss loss(double logged, double validationAuc, double trainingAuc) {
        return new RecomputedLoss(logged, validationAuc, () -> trainingAuc);
    }

    @Test
    void aLossThatIsOneMinusTheValidationAucAgrees() {
        RecomputedLoss loss = loss(0.2123, 0.7880, 0.80);

        assertThat(loss.agrees()).isTrue();
        assertThat(loss.problem("its model", 900)).isEmpty();
    }

    @Test
    void aLossThatIsTheAucItselfIsNamedAsTheWrongDirection() {
        assertThat(loss(0.7877, 0.7877, 0.80).problem("its model", 900)).hasValueSatisfying(problem ->
                assertThat(problem).contains("loss 0.7877 is the validation AUC itself, not 1 - AUC = 0.2123"));
    }

    @Test
    void aLossOnTheTrainingPartIsNamedForItsPart() {
        assertThat(loss(0.1950, 0.7877, 0.8050).problem("its model", 900)).hasValueSatisfying(problem ->
                assertThat(problem).contains("1 - AUC on the training part, not on the validation part (0.2123 on "
                        + "its 900 rows)"));
    }

    @Test
    void anyOtherLossIsNotWhatTheModelScores() {
        assertThat(loss(0.1123, 0.7877, 0.80).problem("a model refitted with its params", 900))
                .hasValueSatisfying(problem -> assertThat(problem).contains("loss 0.1123 is not what a model "
                        + "refitted with its params scores: 1 - AUC = 0.2123 on the 900 validation rows"));
    }

    @Test
    void theTrainingPartIsScoredOnlyWhenTheLossDisagrees() {
        RecomputedLoss loss = new RecomputedLoss(0.2123, 0.7877, () -> {
            throw new AssertionError("scored the training part");
        });

        assertThat(loss.problem("its model", 900)).isEmpty();
    }
}
