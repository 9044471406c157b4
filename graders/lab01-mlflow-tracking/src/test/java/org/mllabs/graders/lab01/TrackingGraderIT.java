package org.mllabs.graders.lab01;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Metric;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Series;
import org.mllabs.grading.Visibility;
import org.mllabs.grading.report.ReportDirectory;
import org.mllabs.grading.report.ReportFormat;
import org.mllabs.grading.testing.GraderHarness;
import org.mllabs.grading.testing.GraderIntegrationTest;
import org.mllabs.grading.testing.ModelsToScore;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.RunData;

/** Lab 01 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
class TrackingGraderIT extends GraderIntegrationTest {

    @Override
    protected Grader grader() {
        return new TrackingGrader();
    }

    @Test
    void theReferenceSolutionEarnsFullMarks(@TempDir Path reports) {
        GradeReport report = harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model").onCompleteRows());

        assertThat(report.outcome("lab01.step4.training-curve").check().visibility()).isEqualTo(Visibility.HIDDEN);
        assertTheLossFigureHasACurvePerChildRun(report);
        for (ReportFormat format : ReportFormat.values()) {
            ReportDirectory directory = ReportDirectory.create(reports.resolve(format.optionName()));
            List<Path> written = format.writer(false).write(report, directory);
            assertThat(written).as(format.optionName()).isNotEmpty()
                    .allSatisfy(file -> assertThat(file).isRegularFile().isNotEmptyFile());
        }
        assertThat(reports.resolve("markdown/figure-1.svg")).content().contains("<polyline");
        assertThat(reports.resolve("html/report.html")).content()
                .contains("Score: " + report.maxScore() + "/" + report.maxScore(), "<svg");
    }

    /** One series a child run, named by the run, with a point for each train_loss step the server holds. */
    private void assertTheLossFigureHasACurvePerChildRun(GradeReport report) {
        try (GradingContext context = harness.context(new LearnerId(report.learner()))) {
            TrackingEvidence truth = TrackingEvidence.of(context);
            assertThat(report.figures()).hasSize(1);
            Figure losses = report.figures().get(0);
            assertThat(losses.title()).isEqualTo("train_loss by step");
            assertThat(losses.series()).extracting(Series::name)
                    .containsExactlyElementsOf(truth.children().stream().map(RunData::name).toList())
                    .hasSize(TrackingGrader.REG_PARAMS.size());
            for (int i = 0; i < losses.series().size(); i++) {
                List<Metric> history = truth.runs().history(truth.children().get(i), "train_loss");
                assertThat(losses.series().get(i).points()).as(losses.series().get(i).name())
                        .hasSize(history.size())
                        .extracting(Series.Point::x)
                        .containsExactlyElementsOf(history.stream().map(m -> (double) m.getStep()).toList());
            }
        }
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        GradeReport report = harness.assertStarterEarnsAtMost(0);

        assertThat(report.outcome("lab01.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab01.step1").result().detail()).contains("/mllabs/" + report.learner() + "/lab01");
        assertThat(GraderHarness.render(report)).contains("Failed 9 of 9 checks", "Score: 0/110");
    }
}
