package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;

/** Hidden checks found on the class path join the grade, after the visible ones, hidden. */
class HiddenChecksTest {

    private static final GradingContext CONTEXT = new GradingContext(new LearnerId("ada"),
            new MlflowServer(URI.create("http://localhost:1"), MlflowServer.Provider.TRACKING_URI, "test"), null,
            new GradingSpark(), GradingContext.PRACTICE_SEED);

    /** Registered in this module's test {@code META-INF/services}; returns a visible check, which grading hides. */
    public static final class SecretCheck implements HiddenChecks {
        @Override
        public String labId() {
            return "lab98";
        }

        @Override
        public List<Check> checks(GradingContext context) {
            return List.of(Check.of("lab98.secret", 7, "secret", "README step 1", () -> CheckResult.failed("no secret"))
                    .dependsOn("lab98.step1"));
        }
    }

    private static Grader grader(String labId) {
        return new Grader() {
            @Override
            public String labId() {
                return labId;
            }

            @Override
            public List<Check> checks(GradingContext context) {
                return List.of(Check.of(labId + ".step1", 10, "first", "do it", () -> CheckResult.passed("ok")));
            }
        };
    }

    @Test
    void theLabsHiddenChecksComeAfterTheGradersOwnAndAreHidden() {
        GradeReport report = Grading.grade(grader("lab98"), CONTEXT);

        assertThat(report.outcomes()).extracting(o -> o.check().id()).containsExactly("lab98.step1", "lab98.secret");
        assertThat(report.outcome("lab98.secret").check().visibility()).isEqualTo(Visibility.HIDDEN);
        assertThat(report.outcome("lab98.secret").result().detail()).isEqualTo("no secret");
        assertThat(report.score()).isEqualTo(10);
        assertThat(report.maxScore()).isEqualTo(17);
        assertThat(new ConsoleReport(false, false).render(report)).contains("HIDDEN").doesNotContain("no secret");
    }

    @Test
    void hiddenChecksOfAnotherLabStayOut() {
        GradeReport report = Grading.grade(grader("lab97"), CONTEXT);

        assertThat(report.outcomes()).extracting(o -> o.check().id()).containsExactly("lab97.step1");
    }
}
