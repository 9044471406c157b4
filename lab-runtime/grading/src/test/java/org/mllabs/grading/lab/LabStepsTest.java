package org.mllabs.grading.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Visibility;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;

/** The names, guidance and shared reading a grader makes from its lab's id. */
class LabStepsTest {

    private static final LabSteps LAB07 = LabSteps.of("lab07");

    /** A grade on a server nothing is sent to: the tests only name things and keep them. */
    private final GradingContext context = GradingContext.of(new LearnerId("ada"),
            new MlflowServer(URI.create("http://localhost:1"), MlflowServer.Provider.TRACKING_URI, "test"));

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void namesChecksAfterTheReadmeSteps() {
        Check check = LAB07.check(3, 15, "schema enforcement shown", "append misnamedBatch.", () -> null);
        Check further = LAB07.check(2, "timestamp", 5, "time travel by timestamp", "read at the timestamp.",
                () -> null);

        assertThat(check.id()).isEqualTo("lab07.step3");
        assertThat(check.guidance()).isEqualTo("README step 3: append misnamedBatch.");
        assertThat(check.points()).isEqualTo(15);
        assertThat(check.description()).isEqualTo("schema enforcement shown");
        assertThat(check.dependsOn()).isEmpty();
        assertThat(check.visibility()).isEqualTo(Visibility.VISIBLE);
        assertThat(further.id()).isEqualTo("lab07.step2.timestamp");
        assertThat(further.guidance()).isEqualTo("README step 2: read at the timestamp.");
        assertThat(further.dependsOn(LAB07.id(1)).dependsOn()).isEqualTo(List.of("lab07.step1"));
    }

    @Test
    void refusesWhatIsNotALabOrAStep() {
        assertThatThrownBy(() -> LabSteps.of("lab7")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabSteps.of("lab07.step1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LAB07.id(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesTheLabsReadingOncePerGrade() {
        AtomicInteger made = new AtomicInteger();
        StringBuilder first = LAB07.evidence(context, StringBuilder.class,
                runs -> new StringBuilder(runs.labId() + " " + made.incrementAndGet()));
        StringBuilder second = LAB07.evidence(context, StringBuilder.class,
                runs -> new StringBuilder(runs.labId() + " " + made.incrementAndGet()));

        assertThat(second).isSameAs(first).hasToString("lab07 1");
        assertThat(LAB07.runs(context)).isSameAs(LearnerRuns.of(context, "lab07"));
    }

    @Test
    void aMissingRunNamesTheRunAndTheExperiment() {
        CheckResult result = LAB07.runs(context).missingRun("delta-versions");

        assertThat(result.passed()).isFalse();
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).isEqualTo("found no run named delta-versions in /mllabs/ada/lab07");
    }
}
