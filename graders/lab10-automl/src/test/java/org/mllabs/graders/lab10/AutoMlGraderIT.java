package org.mllabs.graders.lab10;

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

/** Lab 10 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class AutoMlGraderIT {

    private GraderHarness harness;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.harness = new GraderHarness(new AutoMlGrader(), server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks();

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

    static Stream<Mutant> mutants() {
        return GraderHarness.mutants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void aWrongSubmissionLosesExactlyTheIntendedPoints(Mutant mutant) {
        harness.assertLosesExactlyTheIntendedPoints(mutant);
    }
}
