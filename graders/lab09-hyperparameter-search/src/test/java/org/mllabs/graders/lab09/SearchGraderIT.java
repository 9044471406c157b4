package org.mllabs.graders.lab09;

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

/** Lab 09 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class SearchGraderIT {

    private GraderHarness harness;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.harness = new GraderHarness(new SearchGrader(), server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks();

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

    static Stream<Mutant> mutants() {
        return GraderHarness.mutants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void aWrongSubmissionLosesExactlyTheIntendedPoints(Mutant mutant) {
        harness.assertLosesExactlyTheIntendedPoints(mutant);
    }
}
