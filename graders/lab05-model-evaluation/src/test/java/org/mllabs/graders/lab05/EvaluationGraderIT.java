package org.mllabs.graders.lab05;

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
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.SparkExtension;

/** Lab 05 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class EvaluationGraderIT {

    private GraderHarness harness;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.harness = new GraderHarness(new EvaluationGrader(), server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks();

        assertThat(report.outcome("lab05.step1").result().detail())
                .contains("churn-binary", "contract-multiclass", "month-to-month");
        assertThat(report.outcome("lab05.step7").result().detail())
                .contains("held-out roc_auc", "held-out f1", "held-out rmse");
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab05.step1").result().detail())
                .contains("no artifact " + EvaluationEvidence.TEST_KEYS);
        assertThat(report.outcome("lab05.step3").result().detail()).contains("no model under model/");
        assertThat(report.outcome("lab05.step7").result().status()).isEqualTo(CheckResult.Status.SKIPPED);
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
