package org.mllabs.graders.lab09;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 09 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class SearchGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new SearchGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.aliased("Champion").onCompleteRows());

        assertThat(report.outcome("lab09.step3").result().detail()).contains("two searches of 10 trials each");
        assertThat(report.outcome("lab09.step5").result().detail())
                .contains("mllabs." + report.learner() + ".churn_search version 1 @Champion");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab09.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab09.step1").result().detail())
                .contains("found no trial runs", "/mllabs/" + report.learner() + "/lab09");
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }
}
