package org.mllabs.graders.lab08;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 08 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class FeatureStoreGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new FeatureStoreGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));

        assertThat(report.maxScore()).isEqualTo(100);
        assertThat(report.outcome("lab08.step5").result().detail()).contains("1000 predictions");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab08.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab08.step1").result().detail()).contains("found no Delta table customer_features");
    }
}
