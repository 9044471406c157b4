package org.mllabs.graders.lab07;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.SparkExtension;

/** Lab 07 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class DeltaGraderIT {

    private GraderHarness harness;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.harness = new GraderHarness(new DeltaGrader(), server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks();

        try (GradingContext context = harness.context(new LearnerId(report.learner()))) {
            DeltaEvidence evidence = DeltaEvidence.of(context);
            // the refused append made no version: write, append, update, evolving append
            assertThat(evidence.history()).extracting(DeltaCommit::operation)
                    .containsExactly("WRITE", "WRITE", "UPDATE", "WRITE");
            assertThat(evidence.table().orElseThrow().latest().columnNames())
                    .contains(DeltaGrader.EVOLVED_COLUMN).doesNotContain(DeltaGrader.MISNAMED_COLUMN);
        }
    }

    @Test
    void theUntouchedStarterEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab07.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab07.step1").result().detail()).contains("found no Delta table at");
        assertThat(GraderHarness.render(report)).contains("Score: 0/100");
    }

    static Stream<Mutant> mutants() {
        return GraderHarness.mutants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void aWrongSubmissionLosesExactlyTheIntendedPoints(Mutant mutant) {
        harness.assertLosesExactlyTheIntendedPoints(mutant);
    }
}
