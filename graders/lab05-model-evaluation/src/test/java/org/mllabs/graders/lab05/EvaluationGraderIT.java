package org.mllabs.graders.lab05;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;

/** Lab 05 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class EvaluationGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new EvaluationGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));

        assertThat(report.outcome("lab05.step1").result().detail())
                .contains("churn-binary", "contract-multiclass", "month-to-month");
        assertThat(report.outcome("lab05.step7").result().detail())
                .contains("test rows' roc_auc", "test rows' f1", "test rows' rmse");
        assertThat(report.outcome("lab05.step4").result().detail()).contains("on its recorded test rows");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab05.step1").result().detail())
                .contains("no artifact " + EvaluationEvidence.TEST_KEYS);
        assertThat(report.outcome("lab05.step3").result().detail()).contains("no model under model/");
        assertThat(report.outcome("lab05.step7").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab05.step7").result().detail()).contains("no model under model/ to score");
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }
}
