package org.mllabs.graders.lab04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Series;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;
import org.mllabs.runtime.LearnerId;

/** Lab 04 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class TuningGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new TuningGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks() {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model").onCompleteRows());

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
}
