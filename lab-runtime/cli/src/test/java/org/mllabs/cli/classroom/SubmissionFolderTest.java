package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LearnerId;

class SubmissionFolderTest {

    @Test
    void aFolderNameIsMadeALearnerIdOrNone() {
        assertThat(SubmissionFolder.learnerId("Ada Lovelace")).contains(new LearnerId("ada-lovelace"));
        assertThat(SubmissionFolder.learnerId("bob.smith_2")).contains(new LearnerId("bob.smith_2"));
        assertThat(SubmissionFolder.learnerId("José")).contains(new LearnerId("jos-"));
        assertThat(SubmissionFolder.learnerId("_draft")).isEmpty();
        assertThat(SubmissionFolder.learnerId("x".repeat(65))).isEmpty();
    }

    @Test
    void everySubFolderIsASubmissionAndTheSecondOfTwoWithOneIdHasNone(@TempDir Path dir) throws IOException {
        // sorted by name: "Ada" comes before "_draft" and "ada", and takes the id ada
        for (String name : new String[] {"ada", "Ada", "_draft", ".git", "bob"}) {
            Files.createDirectory(dir.resolve(name));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a submission");

        assertThat(SubmissionFolder.scan(dir)).extracting(SubmissionFolder::key, f -> f.learner().isPresent())
                .containsExactly(tuple("ada", true), tuple("_draft/", false), tuple("ada/", false), tuple("bob", true));
    }

    @Test
    void onlyAFolderWithTheLabIsACheckout(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("ada"));
        Path checkout = Files.createDirectory(dir.resolve("bob"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.createDirectories(checkout.resolve("lab-runtime"));
        Files.createDirectories(checkout.resolve("labs/lab01-mlflow-tracking"));
        SubmissionFolder bob = new SubmissionFolder(checkout, SubmissionFolder.learnerId("bob"));

        assertThat(new SubmissionFolder(empty, SubmissionFolder.learnerId("ada")).isCheckoutOf("lab01-mlflow-tracking"))
                .isFalse();
        assertThat(bob.isCheckoutOf("lab01-mlflow-tracking")).as("no lab.yaml yet").isFalse();
        Files.writeString(checkout.resolve("labs/lab01-mlflow-tracking/lab.yaml"), "id: lab01\n");
        assertThat(bob.isCheckoutOf("lab01-mlflow-tracking")).isTrue();
        assertThat(bob.isCheckoutOf("lab02-feature-engineering")).isFalse();
    }

    @Test
    void aDecomposedNameGivesTheIdOfItsComposedForm() {
        assertThat(SubmissionFolder.learnerId("Zoe\u0308")).isEqualTo(SubmissionFolder.learnerId("Zoë"));
    }

    @Test
    void aMissingFolderIsAUsageError(@TempDir Path dir) {
        assertThatThrownBy(() -> SubmissionFolder.scan(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a folder");
    }

    @Test
    void learnersComeFromExperimentNamesOfTheLab() {
        assertThat(LearnerId.ofExperiment("/mllabs/ada/lab01", "lab01")).contains(new LearnerId("ada"));
        assertThat(LearnerId.ofExperiment("/mllabs/ada/x/lab01", "lab01")).isEmpty();
        assertThat(LearnerId.ofExperiment("/mllabs/ada/lab011", "lab01")).isEmpty();
        assertThat(LearnerId.ofExperiment("/other/ada/lab01", "lab01")).isEmpty();
    }
}
