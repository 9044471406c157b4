package org.mllabs.graders.lab04;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Series;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.SparkExtension;

/** Lab 04 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class TuningGraderIT {

    private GraderHarness harness;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.harness = new GraderHarness(new TuningGrader(), server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks();

        assertThat(report.maxScore()).isEqualTo(100);
        assertTheFigureHasABarPerCandidateOfEachTuner(report);
    }

    /** One series a tuner, named by its parent run, with each child's auc at its grid point's place in the grid. */
    private void assertTheFigureHasABarPerCandidateOfEachTuner(GradeReport report) {
        try (GradingContext context = harness.context(new LearnerId(report.learner()))) {
            TuningEvidence truth = TuningEvidence.of(context);
            List<GridPoint> order = truth.grid(truth.parent(Tuner.CROSS_VALIDATION).orElseThrow()).orElseThrow()
                    .stream().map(json -> GridPoint.fromJson(json).orElseThrow()).toList();
            assertThat(report.figures()).hasSize(1);
            Figure figure = report.figures().get(0);
            assertThat(figure.kind()).isEqualTo(Figure.Kind.BAR);
            assertThat(figure.series()).extracting(Series::name)
                    .containsExactly(Tuner.CROSS_VALIDATION.runName(), Tuner.TRAIN_VALIDATION_SPLIT.runName());
            for (int i = 0; i < figure.series().size(); i++) {
                Series series = figure.series().get(i);
                List<Candidate> candidates = truth.candidates(truth.parent(Tuner.values()[i]).orElseThrow());
                assertThat(series.points()).as(series.name()).hasSize(TuningGrader.GRID.size())
                        .allSatisfy(point -> assertThat(point.y()).isEqualTo(candidates.stream()
                                .filter(c -> c.point().equals(order.get((int) point.x() - 1)))
                                .findFirst().orElseThrow().auc()));
            }
        }
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab04.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab04.step1").result().detail())
                .contains("found no run named cross-validation in /mllabs/" + report.learner() + "/lab04");
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
