package org.mllabs.graders.lab02;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 02 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class FeaturePipelineGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new FeaturePipelineGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));

        assertThat(report.maxScore()).isEqualTo(100);
        assertThat(report.outcome("lab02.step6.leakage").result().detail())
                .contains("fitted statistics are the training split's");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab02.step1").result().detail())
                .contains("expected the artifact " + FeaturePipelineEvidence.TRAIN_KEYS_ARTIFACT);
        assertThat(report.outcomes()).filteredOn(outcome -> outcome.check().dependsOn().isEmpty())
                .extracting(CheckOutcome::result).extracting(CheckResult::status)
                .containsOnly(CheckResult.Status.FAILED);
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }
}
