package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.evidence.UnscorableModelException;
import org.mllabs.grading.report.JunitXmlReport;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServerException;
import org.mllabs.runtime.serving.ServingApiException;
import org.mllabs.runtime.testing.FakeMlflowServer;

class GradingTest {

    private final FakeMlflowServer answering = FakeMlflowServer.answering();
    private final GradingContext context = context(answering.uri());

    private static GradingContext context(URI trackingUri) {
        return new GradingContext(new LearnerId("ada"),
                new MlflowServer(trackingUri, MlflowServer.Provider.TRACKING_URI, "test"), null, new GradingSpark(),
                GradingContext.PRACTICE_SEED);
    }

    @AfterEach
    void stopServer() {
        answering.close();
    }

    private static Grader grader(Check... checks) {
        return grader(() -> List.of(), checks);
    }

    private static Grader grader(Supplier<List<Figure>> figures, Check... checks) {
        return new Grader() {
            @Override
            public String labId() {
                return "lab99";
            }

            @Override
            public List<Check> checks(GradingContext context) {
                return List.of(checks);
            }

            @Override
            public List<Figure> figures(GradingContext context) {
                return figures.get();
            }
        };
    }

    private static final Figure CURVE = new Figure("loss", "step", "loss", Figure.Kind.LINE,
            List.of(new Series("run", List.of(new Series.Point(0, 1), new Series.Point(1, 0.5)))));

    @Test
    void aCheckWhosePrerequisiteFailedIsSkippedAndEarnsNothing() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "do the first", () -> CheckResult.failed("found nothing")),
                Check.of("lab99.step2", 20, "second", "do the second", () -> CheckResult.passed("ok"))
                        .dependsOn("lab99.step1")), context);

        assertThat(report.outcome("lab99.step2").result().status()).isEqualTo(CheckResult.Status.SKIPPED);
        assertThat(report.outcome("lab99.step2").result().detail()).contains("lab99.step1");
        assertThat(report.score()).isZero();
        assertThat(report.maxScore()).isEqualTo(30);
        assertThat(context.spark().started()).as("no check re-scored a model, so Spark must not start").isFalse();
    }

    @Test
    void aModelThatCannotScoreFailsItsCheckAsTheLearnersMistake() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "g", () -> {
                    throw new UnscorableModelException("runs:/r/model cannot predict rows that carry only its "
                            + "signature's inputs [x]");
                })), context);

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab99.step1").result().detail())
                .isEqualTo("runs:/r/model cannot predict rows that carry only its signature's inputs [x]");
    }

    @Test
    void aRuleThatThrowsFailsItsCheckWithTheReasonAndGradingGoesOn() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "g", () -> {
                    throw new IllegalStateException("server said 500");
                }),
                Check.of("lab99.step2", 5, "second", "g", () -> CheckResult.passed("ok"))), context);

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(report.outcome("lab99.step1").result().detail()).contains("server said 500");
        assertThat(report.score()).isEqualTo(5);
        assertThat(report.fullMarks()).isFalse();
    }

    @Test
    void aCheckThatCannotReachTheServerIsAnErrorOfTheEnvironmentNotTheLearnersFailure() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "README step 1", () -> {
                    throw new MlflowServerException("Cannot reach the MLflow server at http://127.0.0.1:1");
                }),
                Check.of("lab99.step2", 5, "second", "g", () -> CheckResult.passed("ok")).dependsOn("lab99.step1"),
                Check.of("lab99.step3", 5, "third", "g", () -> CheckResult.passed("ok"))), context);

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(report.outcome("lab99.step1").result().detail()).contains("could not be reached");
        assertThat(report.outcome("lab99.step2").result().status()).isEqualTo(CheckResult.Status.SKIPPED);
        assertThat(report.complete()).isFalse();
        assertThat(report.firstError()).hasValueSatisfying(error -> assertThat(error.check().id())
                .isEqualTo("lab99.step1"));
        String text = new ConsoleReport(false, false).render(report);
        assertThat(text).contains("ERROR ").doesNotContain("hint: README step 1");
        assertThat(new JunitXmlReport(false).render(report)).contains("errors=\"1\"", "<error message=");
    }

    @Test
    void aServerThatSaysItIsUnavailableIsAnErrorEvenWhileItAnswersHealth() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "g", () -> {
                    throw new MlflowApiException("GET runs/search", 503, null, "Service Unavailable");
                })), context);

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.ERROR);
    }

    @Test
    void aServingServiceThatCannotBeReachedOrIsUnavailableIsAnErrorAndARefusalIsTheLearners() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "g", () -> {
                    throw new ServingApiException(0, "SERVICE_UNREACHABLE", "The serving service does not answer");
                }),
                Check.of("lab99.step2", 10, "second", "g", () -> {
                    throw new ServingApiException(503, "TEMPORARILY_UNAVAILABLE", "The registry cannot be reached");
                }),
                Check.of("lab99.step3", 10, "third", "g", () -> {
                    throw new ServingApiException(400, "INVALID_PARAMETER_VALUE", "No such route");
                })), context);

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(report.outcome("lab99.step1").result().detail()).contains("serving service could not be reached");
        assertThat(report.outcome("lab99.step2").result().status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(report.outcome("lab99.step3").result().status()).isEqualTo(CheckResult.Status.FAILED);
    }

    @Test
    void anyFailureOfACheckWhileTheServerNoLongerAnswersIsAnError() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "first", "g", () -> {
                    throw new IllegalStateException("no run named train");
                })), context(URI.create("http://127.0.0.1:1")));

        assertThat(report.outcome("lab99.step1").result().status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(report.outcome("lab99.step1").result().detail()).contains("stopped answering",
                "no run named train");
        assertThat(report.complete()).isFalse();
    }

    @Test
    void checksMustBelongToTheLabAndDependOnlyOnEarlierChecks() {
        assertThatThrownBy(() -> Grading.grade(grader(
                Check.of("lab01.step1", 1, "d", "g", () -> CheckResult.passed("ok"))), context))
                .hasMessageContaining("does not belong to lab99");
        assertThatThrownBy(() -> Grading.grade(grader(
                Check.of("lab99.step1", 1, "d", "g", () -> CheckResult.passed("ok")).dependsOn("lab99.step2"),
                Check.of("lab99.step2", 1, "d", "g", () -> CheckResult.passed("ok"))), context))
                .hasMessageContaining("does not come before it");
    }

    @Test
    void theConsoleReportShowsWhatWasObservedAndAHintUnderEveryCheckThatDidNotPass() {
        GradeReport report = Grading.grade(grader(
                Check.of("lab99.step1", 10, "alias set", "README step 1: set the alias",
                        () -> CheckResult.failed("expected alias @Champion on version 2, found it on version 1")),
                Check.of("lab99.step2", 5, "tag set", "README step 2: tag it", () -> CheckResult.passed("tagged")),
                Check.of("lab99.step3", 5, "secret", "README step 3",
                        () -> CheckResult.failed("hidden detail")).hidden()),
                context);

        String text = new ConsoleReport(false, false).render(report);

        assertThat(text).contains("FAIL", "expected alias @Champion on version 2, found it on version 1",
                "hint: README step 1: set the alias", "Failed 2 of 3 checks.", "Score: 5/20");
        assertThat(text).doesNotContain("hidden detail").doesNotContain("\u001B[");
        assertThat(new ConsoleReport(true, true).render(report)).contains("hidden detail", "\u001B[31m");
    }

    @Test
    void theGraderFiguresAreDrawnAfterTheChecksAndEachCheckIsTimed() {
        List<String> order = new ArrayList<>();
        GradeReport report = Grading.grade(grader(() -> {
            order.add("figures");
            return List.of(CURVE);
        }, Check.of("lab99.step1", 10, "first", "g", () -> {
            order.add("check");
            Thread.sleep(5);
            return CheckResult.passed("ok");
        })), context);

        assertThat(order).containsExactly("check", "figures");
        assertThat(report.figures()).containsExactly(CURVE);
        assertThat(report.notes()).isEmpty();
        assertThat(report.outcome("lab99.step1").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(5));
    }

    @Test
    void figuresThatCannotBeDrawnLeaveTheGradeWhole() {
        GradeReport report = Grading.grade(grader(() -> {
            throw new IllegalStateException("no metric history");
        }, Check.of("lab99.step1", 10, "first", "g", () -> CheckResult.passed("ok"))), context);

        assertThat(report.score()).isEqualTo(10);
        assertThat(report.figures()).isEmpty();
        assertThat(report.notes()).containsExactly("The figures could not be drawn: no metric history");
    }

    @Test
    void tolerancesCompareRecomputedMetrics() {
        assertThat(Tolerance.close(0.812345678, 0.8123456781)).isTrue();
        assertThat(Tolerance.close(0.81, 0.82)).isFalse();
        assertThat(Tolerance.withinAbsolute(1.0, 1.05, 0.1)).isTrue();
        assertThat(Tolerance.withinRelative(Double.NaN, Double.NaN, 1)).isFalse();
    }
}
