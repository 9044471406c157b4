package org.mllabs.graders.lab10;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 10 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class AutoMlGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new AutoMlGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(
                ModelsToScore.namedByTag("mllabs.automl.best_model_uri")
                        .and(ModelsToScore.loggedUnder("model", "manual-model")));

        assertThat(report.outcome("lab10.step1.budget").result().detail()).contains("for a budget of 30 s");
        assertThat(report.outcome("lab10.step4").result().detail()).contains("extended with a derived feature");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab10.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab10.step1").result().detail())
                .contains("found no run named automl", "/mllabs/" + report.learner() + "/lab10");
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }
}
