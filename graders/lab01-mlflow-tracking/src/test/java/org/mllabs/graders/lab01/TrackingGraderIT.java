package org.mllabs.graders.lab01;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflow.api.proto.Service.Metric;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.ConsoleReport;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Series;
import org.mllabs.grading.Visibility;
import org.mllabs.grading.report.ReportDirectory;
import org.mllabs.grading.report.ReportFormat;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.lab.LabVariant;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.SparkExtension;

/** Lab 01 graded end to end against a real MLflow server: the solution, the untouched starter, and wrong work. */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class TrackingGraderIT {

    private LabFixture labs;
    private MlflowServer server;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        this.server = server;
        this.labs = new LabFixture(server, spark, work);
    }

    @Test
    void theReferenceSolutionEarnsFullMarks(@TempDir Path reports) {
        LearnerId learner = LabFixture.newLearner("solution");
        assertThat(labs.run("lab01", LabVariant.SOLUTION, learner).status()).isEqualTo(LabRunResult.Status.COMPLETED);

        GradeReport report = grade(learner);

        assertThat(report.score()).as(render(report)).isEqualTo(report.maxScore());
        assertThat(report.outcome("lab01.step4.training-curve").check().visibility()).isEqualTo(Visibility.HIDDEN);
        assertTheLossFigureHasACurvePerChildRun(report, learner);
        for (ReportFormat format : ReportFormat.values()) {
            ReportDirectory directory = ReportDirectory.create(reports.resolve(format.optionName()));
            List<Path> written = format.writer(false).write(report, directory);
            assertThat(written).as(format.optionName()).isNotEmpty()
                    .allSatisfy(file -> assertThat(file).isRegularFile().isNotEmptyFile());
        }
        assertThat(reports.resolve("markdown/figure-1.svg")).content().contains("<polyline");
        assertThat(reports.resolve("html/report.html")).content().contains("Score: " + report.maxScore() + "/" + report.maxScore(), "<svg");
    }

    /** One series a child run, named by the run, with a point for each train_loss step the server holds. */
    private void assertTheLossFigureHasACurvePerChildRun(GradeReport report, LearnerId learner) {
        TrackingEvidence truth = TrackingEvidence.of(GradingContext.of(learner, server));
        assertThat(report.figures()).hasSize(1);
        Figure losses = report.figures().get(0);
        assertThat(losses.title()).isEqualTo("train_loss by step");
        assertThat(losses.series()).extracting(Series::name)
                .containsExactlyElementsOf(truth.children().stream().map(TrackingEvidence::name).toList())
                .hasSize(TrackingGrader.REG_PARAMS.size());
        for (int i = 0; i < losses.series().size(); i++) {
            List<Metric> history = truth.history(truth.children().get(i), "train_loss");
            assertThat(losses.series().get(i).points()).as(losses.series().get(i).name())
                    .hasSize(history.size())
                    .extracting(Series.Point::x)
                    .containsExactlyElementsOf(history.stream().map(m -> (double) m.getStep()).toList());
        }
    }

    @Test
    void theUntouchedStarterStopsAtStepOneAndEarnsNothingWithAHintForEveryStep() {
        LearnerId learner = LabFixture.newLearner("starter");
        LabRunResult run = labs.run("lab01", LabVariant.STARTER, learner);
        assertThat(run.status()).isEqualTo(LabRunResult.Status.STEP_NOT_DONE);
        assertThat(run.stepId()).contains("lab01.step1");

        GradeReport report = grade(learner);

        assertThat(report.score()).isZero();
        assertThat(report.outcome("lab01.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab01.step1").result().detail()).contains("/mllabs/" + learner + "/lab01");
        assertThat(report.outcomes()).allSatisfy(outcome -> assertThat(outcome.check().guidance())
                .startsWith("README step " + outcome.check().id().replaceAll("lab01\\.step(\\d+).*", "$1") + ":"));
        assertThat(render(report)).contains("Failed 9 of 9 checks", "Score: 0/110");
    }

    static Stream<Mutant> mutants() {
        return Mutant.readAll(Path.of("src/test/resources/mutants.yaml")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void aWrongSubmissionLosesExactlyTheIntendedPoints(Mutant mutant) {
        LearnerId learner = LabFixture.newLearner("mutant");
        // A mistake may also make a later step throw (nothing to search for); what counts is the grade.
        assertThat(labs.run("lab01", mutant, learner).status()).isNotEqualTo(LabRunResult.Status.DOES_NOT_COMPILE);

        GradeReport report = grade(learner);

        List<String> failed = report.outcomes().stream()
                .filter(o -> o.result().status() == CheckResult.Status.FAILED)
                .map(o -> o.check().id()).toList();
        assertThat(failed).as(render(report)).containsExactlyElementsOf(mutant.fails());
        int lost = report.outcomes().stream().filter(o -> !o.result().passed())
                .mapToInt(o -> o.check().points()).sum();
        int intended = report.outcomes().stream()
                .filter(o -> lostWith(report, mutant.fails()).contains(o.check().id()))
                .mapToInt(o -> o.check().points()).sum();
        assertThat(lost).as(render(report)).isEqualTo(intended);
        assertThat(report.outcome(mutant.fails().get(0)).result().detail()).contains(mutant.hint());
    }

    /** The failed checks and every check that depends on them, directly or through another. */
    private static Set<String> lostWith(GradeReport report, List<String> failed) {
        Set<String> lost = new HashSet<>(failed);
        for (CheckOutcome outcome : report.outcomes()) {
            if (outcome.check().dependsOn().stream().anyMatch(lost::contains)) {
                lost.add(outcome.check().id());
            }
        }
        return lost;
    }

    private GradeReport grade(LearnerId learner) {
        GradeReport report = Grading.grade(new TrackingGrader(), GradingContext.of(learner, server));
        System.out.print(render(report));
        return report;
    }

    private static String render(GradeReport report) {
        return new ConsoleReport(false, true).render(report);
    }
}
