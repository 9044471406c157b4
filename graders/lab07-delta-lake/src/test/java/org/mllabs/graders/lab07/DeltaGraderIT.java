package org.mllabs.graders.lab07;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.audit.AuditedDeltaWriter;

/** Lab 07 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class DeltaGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new DeltaGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));

        try (GradingContext context = harness.context(new LearnerId(report.learner()))) {
            DeltaEvidence evidence = DeltaEvidence.of(context);
            // the refused append made no version: write, append, update, evolving append
            assertThat(evidence.history()).extracting(DeltaCommit::operation)
                    .containsExactly("WRITE", "WRITE", "UPDATE", "WRITE");
            assertThat(evidence.table().orElseThrow().latest().columnNames())
                    .contains(DeltaGrader.EVOLVED_COLUMN).doesNotContain(DeltaGrader.MISNAMED_COLUMN);
            // the runtime, not the lab's code, recorded the one refusal, against the version the UPDATE made
            assertThat(evidence.refusals().all()).singleElement().satisfies(refusal -> {
                assertThat(refusal.operation()).isEqualTo(AuditedDeltaWriter.APPEND);
                assertThat(refusal.target()).isEqualTo(evidence.tablePath().orElseThrow().toString());
                assertThat(refusal.detail(AuditedDeltaWriter.TABLE_VERSION)).contains("2");
                assertThat(refusal.detail(AuditedDeltaWriter.CONDITION)).contains("DELTA_METADATA_MISMATCH");
            });
        }
    }

    @Test
    void theUntouchedStarterEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab07.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab07.step1").result().detail()).contains("found no Delta table at");
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }
}
