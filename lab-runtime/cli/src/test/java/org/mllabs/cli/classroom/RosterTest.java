package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LearnerId;

class RosterTest {

    @TempDir
    Path dir;

    @Test
    void aPlainListGivesOneLearnerALineWithoutCommentsBlanksOrRepeats() throws IOException {
        Roster roster = Roster.read(write("# class of spring\nada\n\n  bob  \nAda\nlearner7\n"));

        assertThat(roster.learners()).extracting(LearnerId::value).containsExactly("ada", "bob", "learner7");
    }

    @Test
    void aCsvExportGivesItsFirstColumnAndSkipsItsHeader() throws IOException {
        Roster roster = Roster.read(write("learner_id,name,email\nada,\"Lovelace, Ada\",ada@example.org\n"
                + "\"Grace Hopper\",\"Hopper, Grace\",grace@example.org\n"));

        assertThat(roster.learners()).extracting(LearnerId::value).containsExactly("ada", "grace-hopper");
        assertThat(roster.contains(new LearnerId("ada"))).isTrue();
        assertThat(roster.contains(new LearnerId("bob"))).isFalse();
    }

    @Test
    void aByteOrderMarkIsPassedOverAndTheHeaderAfterItRecognised() throws IOException {
        Roster roster = Roster.read(write("\uFEFFlearner,name\nada,Ada\n"));

        assertThat(roster.learners()).extracting(LearnerId::value).containsExactly("ada");
        assertThat(Roster.read(write("\uFEFFada\nbob\n")).learners()).extracting(LearnerId::value)
                .containsExactly("ada", "bob");
    }

    @Test
    void aHeaderWhoseFirstColumnIsNotTheIdIsRefusedRatherThanMadeALearner() throws IOException {
        Path file = write("Name,Email\nAda Lovelace,ada@example.org\n");

        assertThatThrownBy(() -> Roster.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ":1: the first line is a header")
                .hasMessageContaining("\"Name\"")
                .hasMessageContaining("learner, learner_id or id");
        assertThat(Roster.read(write("Learner ID,Email\nada,ada@example.org\n")).learners())
                .extracting(LearnerId::value).containsExactly("ada");
    }

    @Test
    void namesThatDifferOnlyByAccentsAreTwoPeopleAndRefused() throws IOException {
        Path file = write("Zoë Lee\nada\nZoé Lee\n");

        assertThatThrownBy(() -> Roster.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ":3: \"Zoé Lee\" and \"Zoë Lee\" (line 1) both become the learner id "
                        + "zo-lee");
        String decomposed = "Zoe\u0308 Lee";
        assertThat(Roster.read(write("Zoë Lee\n" + decomposed + "\nADA\nada\n")).learners())
                .as("the same name composed or not, or in another case, is one learner")
                .extracting(LearnerId::value).containsExactly("zo-lee", "ada");
    }

    @Test
    void idsThatWouldShareRegisteredModelNamesAreRefused() throws IOException {
        Path file = write("ada.l\nbob\nada_l\n");

        assertThatThrownBy(() -> Roster.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ":3: ada_l and ada.l (line 1) would share registered model names "
                        + "(mllabs.ada_l.model)");
    }

    @Test
    void anEntryThatCannotBeAnIdIsNamedWithItsLine() throws IOException {
        Path file = write("ada\n_draft\nbob\n" + "x".repeat(65) + "\n");

        assertThatThrownBy(() -> Roster.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ":2: \"_draft\" cannot be a learner id")
                .hasMessageContaining(file + ":4: ");
    }

    @Test
    void aMissingOrEmptyRosterIsAUsageError() throws IOException {
        assertThatThrownBy(() -> Roster.read(dir.resolve("nope.txt"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
        Path empty = write("# nobody yet\n\n");
        assertThatThrownBy(() -> Roster.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lists no learner");
    }

    @Test
    void aRosterLearnerWithoutAFolderGetsOneThatDoesNotExist() throws IOException {
        Path submissions = Files.createDirectory(dir.resolve("submissions"));
        Files.createDirectory(submissions.resolve("ada"));
        List<SubmissionFolder> found = SubmissionFolder.scan(submissions);
        Roster roster = Roster.read(write("ada\ncy\nbob\n"));

        assertThat(SubmissionFolder.withRoster(submissions, found, roster))
                .extracting(SubmissionFolder::key, SubmissionFolder::submitted)
                .containsExactly(tuple("ada", true), tuple("bob", false), tuple("cy", false));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("roster.csv"), text);
    }
}
