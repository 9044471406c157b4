package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.GradingSeed;
import org.mllabs.grading.ModelLoaders;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.FakeMlflowServer;

/**
 * A class graded in one process is one grading session: every learner's grade loads models on the same pool, which
 * stays open from one learner to the next and is shut down when the grading closes. The grader (of a lab of its own,
 * so no hidden check joins it) records the pool each grade is given.
 */
class InstructorGradingSessionTest {

    private final FakeMlflowServer mlflow = FakeMlflowServer.answering();
    private final List<ModelLoaders> given = new ArrayList<>();

    @AfterEach
    void stopServer() {
        mlflow.close();
    }

    private Grader grader() {
        return new Grader() {
            @Override
            public String labId() {
                return "lab99";
            }

            @Override
            public List<Check> checks(GradingContext context) {
                return List.of(Check.of("lab99.step1", 10, "loads models", "README step 1", () -> {
                    given.add(context.modelLoaders());
                    return CheckResult.when(!context.modelLoaders().closed(), "loaders open", "loaders shut down");
                }));
            }
        };
    }

    @Test
    void everyLearnerOfTheClassUsesOnePoolClosedOnceAtTheEnd() {
        List<String> said = new ArrayList<>();
        InstructorGrading grading = new InstructorGrading(grader(),
                new MlflowServer(mlflow.uri(), MlflowServer.Provider.TRACKING_URI, "test"), Optional.empty(),
                new GradingSeed(7, GradingSeed.Source.PRACTICE, "test"), said::add, new BatchStop(),
                Duration.ofSeconds(2));
        List<GradebookRow> rows = new ArrayList<>();
        for (String learner : List.of("ada", "grace", "alan")) {
            rows.add(grading.grade(new LearnerId(learner), LearnerStatus.COMPLETED, System.nanoTime()));
        }

        assertThat(rows).as(said.toString()).extracting(GradebookRow::score).containsExactly(10, 10, 10);
        assertThat(given).hasSize(3).allSatisfy(loaders -> assertThat(loaders).isSameAs(given.get(0)));
        assertThat(given.get(0).closed()).as("open until the class is graded").isFalse();
        grading.close();
        assertThat(given.get(0).closed()).isTrue();
    }
}
