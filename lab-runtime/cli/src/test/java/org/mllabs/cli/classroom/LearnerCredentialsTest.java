package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.MlflowCredentials;

class LearnerCredentialsTest {

    @TempDir
    Path directory;

    @Test
    void aSubmissionGetsItsOwnLearnersUserAndPasswordOnly() throws IOException {
        Files.writeString(directory.resolve("alice.credentials"), "MLFLOW_TRACKING_URI=http://127.0.0.1:5000\n"
                + "MLFLOW_TRACKING_USERNAME=alice\nMLFLOW_TRACKING_PASSWORD=s3cret\nMLLABS_LEARNER=alice\n");

        assertThat(LearnerCredentials.in(directory).variables(new LearnerId("alice")))
                .containsOnly(Map.entry(MlflowCredentials.USERNAME_VARIABLE, "alice"),
                        Map.entry(MlflowCredentials.PASSWORD_VARIABLE, "s3cret"));
        assertThat(LearnerCredentials.none().variables(new LearnerId("alice"))).isEmpty();
    }

    @Test
    void anotherUsersFileUnderALearnersNameIsRefused() throws IOException {
        Files.writeString(directory.resolve("bob.credentials"),
                "MLFLOW_TRACKING_USERNAME=admin\nMLFLOW_TRACKING_PASSWORD=root-of-all\n");

        assertThatThrownBy(() -> LearnerCredentials.in(directory).variables(new LearnerId("bob")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the credentials file of admin, not of bob")
                .hasMessageNotContaining("root-of-all");
    }

    @Test
    void learnersWithoutAFileAreNamedOnASharedServerOnly() throws IOException {
        Files.writeString(directory.resolve("alice.credentials"), "MLFLOW_TRACKING_USERNAME=alice\n");
        List<LearnerId> learners = List.of(new LearnerId("alice"), new LearnerId("carol"));

        assertThat(LearnerCredentials.in(directory).missing(learners)).containsExactly(new LearnerId("carol"));
        assertThat(LearnerCredentials.none().missing(learners)).isEmpty();
    }
}
