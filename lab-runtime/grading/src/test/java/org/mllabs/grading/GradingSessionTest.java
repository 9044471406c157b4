package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.server.MlflowServer;

/** Who owns the model loaders: the session the grades belong to, or a grade that is a session of its own. */
class GradingSessionTest {

    private static final MlflowServer NOWHERE = new MlflowServer(URI.create("http://127.0.0.1:1"),
            MlflowServer.Provider.TRACKING_URI, "test");

    private static GradingContext gradeOf(GradingSession session, String learner) {
        return new GradingContext(new LearnerId(learner), NOWHERE, LabMlflow.open(NOWHERE.trackingUri()), session,
                GradingContext.PRACTICE_SEED);
    }

    @Test
    void theGradesOfASessionShareItsLoadersAndSparkAndLeaveThemOpen() {
        ModelLoaders loaders;
        try (GradingSession session = new GradingSession()) {
            loaders = session.modelLoaders();
            for (String learner : List.of("ada", "grace")) {
                try (GradingContext context = gradeOf(session, learner)) {
                    assertThat(context.modelLoaders()).isSameAs(loaders);
                    assertThat(context.spark()).isSameAs(session.spark());
                }
                assertThat(loaders.closed()).as("open after %s's grade", learner).isFalse();
            }
        }
        assertThat(loaders.closed()).as("shut down with the session").isTrue();
    }

    @Test
    void aGradeOfItsOwnClosesItsLoadersWithIt() {
        GradingContext context = new GradingContext(new LearnerId("ada"), NOWHERE,
                LabMlflow.open(NOWHERE.trackingUri()), new GradingSpark(), GradingContext.PRACTICE_SEED);
        ModelLoaders loaders = context.modelLoaders();
        GradingContext other = new GradingContext(new LearnerId("grace"), NOWHERE,
                LabMlflow.open(NOWHERE.trackingUri()), new GradingSpark(), GradingContext.PRACTICE_SEED);

        assertThat(other.modelLoaders()).isNotSameAs(loaders);
        context.close();
        other.close();
        assertThat(loaders.closed()).isTrue();
    }

    @Test
    void aLearnersModelsPreloadOnTheSessionsLoaders() {
        GradingSession session = new GradingSession();
        GradingContext context = gradeOf(session, "ada");
        LearnerRuns runs = LearnerRuns.of(context, "lab99");
        session.close();

        assertThatThrownBy(() -> runs.preload(List.of("runs:/0123/model")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("grading session is over");
        context.close();
    }
}
