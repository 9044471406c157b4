package org.mllabs.graders.lab12;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/**
 * Lab 12 graded end to end against a real MLflow server and the test JVM's serving service: the solution, the
 * untouched starter, and wrong work.
 */
class ServingGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new ServingGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model", "signed"));

        assertThat(report.outcome("lab12.step7").result().detail()).contains("monthly_charges");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab12.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab12.step6").result().detail()).contains("did not reach step 6");
    }
}
