package org.mllabs.graders.lab11;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/**
 * Lab 11 graded end to end against a real MLflow server and the test JVM's serving service: the solution, the
 * untouched starter, and wrong work.
 */
class RolloutGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new RolloutGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.registeredVersions());

        assertThat(report.outcome("lab11.step4").result().detail()).contains("requests to version");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab11.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab11.step1").result().detail()).contains("found no serving endpoint");
    }
}
