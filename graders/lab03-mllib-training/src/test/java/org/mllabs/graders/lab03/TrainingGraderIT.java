package org.mllabs.graders.lab03;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 03 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class TrainingGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new TrainingGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarksWithEveryModelRescored() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));

        for (ExpectedModel model : ExpectedModel.all()) {
            assertThat(report.outcome("lab03.step4").result().detail()).contains(model.name() + " test_");
        }
        assertThat(report.outcome("lab03.step1").result().detail()).contains("GBTRegressionModel");
        assertThat(report.outcome("lab03.step2").result().detail()).contains("GBTClassificationModel");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab03.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab03.step1").result().detail())
                .contains("found no run tagged model_family=linear_regression and dataset=house_prices");
        assertThat(report.outcome("lab03.step2").result().detail())
                .contains("found no run tagged model_family=logistic_regression and dataset=customer_churn");
        assertThat(GraderHarness.render(report)).contains("Failed 7 of 7 checks", "Score: 0/100");
    }
}
