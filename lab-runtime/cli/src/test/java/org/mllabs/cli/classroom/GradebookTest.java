package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

    @TempDir
    Path folder;

    private static GradebookRow row(String learner, String lab, int score, LearnerStatus status) {
        return new GradebookRow(learner, lab, score, 110, status, 1.25);
    }

    /** A new gradebook with these rows appended, as a run appends them. */
    private Gradebook gradebook(String file, GradebookRow... rows) {
        Gradebook gradebook = new Gradebook(folder.resolve(file));
        gradebook.open("lab01", false);
        for (GradebookRow row : rows) {
            gradebook.append(row);
        }
        return gradebook;
    }

    @Test
    void rowsAreAppendedAtOnceAndReadBack() throws IOException {
        Gradebook gradebook = gradebook("gradebooks/lab01.csv",
                row("ada", "lab01", 110, LearnerStatus.COMPLETED),
                row("Grace, \"Amazing\"", "lab01", 0, LearnerStatus.INVALID_NAME));

        assertThat(Files.readAllLines(gradebook.file())).containsExactly(
                "learner,lab,score,max,status,duration_s",
                "ada,lab01,110,110,COMPLETED,1.3",
                "\"Grace, \"\"Amazing\"\"\",lab01,0,110,INVALID_NAME,1.3");
        assertThat(new Gradebook(gradebook.file()).read()).extracting(GradebookRow::learner)
                .containsExactly("ada", "Grace, \"Amazing\"");
    }

    @Test
    void aResumedRunSkipsFinalRowsOnlyAndPassesOverAnInterruptedLine() throws IOException {
        Gradebook gradebook = gradebook("lab01.csv",
                row("ada", "lab01", 110, LearnerStatus.COMPLETED),
                row("bob", "lab01", 0, LearnerStatus.GRADER_ERROR),
                row("cy", "lab01", 0, LearnerStatus.TIMEOUT),
                row("dan", "lab01", 0, LearnerStatus.NO_SUBMISSION),
                row("dee", "lab02", 50, LearnerStatus.COMPLETED));
        Files.writeString(gradebook.file(), "eve,lab01,11", StandardOpenOption.APPEND);

        assertThat(gradebook.finished("lab01")).containsExactlyInAnyOrder("ada", "cy");
    }

    @Test
    void aLaterRowOfTheSameLearnerWinsAndCompactingSortsOneRowPerLearner() {
        Gradebook gradebook = gradebook("lab01.csv",
                row("zoe", "lab01", 0, LearnerStatus.GRADER_ERROR),
                row("ada", "lab01", 20, LearnerStatus.STEP_NOT_DONE),
                row("zoe", "lab01", 110, LearnerStatus.COMPLETED));

        assertThat(gradebook.finished("lab01")).containsExactlyInAnyOrder("ada", "zoe");
        assertThat(gradebook.compact()).extracting(GradebookRow::learner, GradebookRow::score)
                .containsExactly(tuple("ada", 20),
                        tuple("zoe", 110));
        assertThat(gradebook.read()).hasSize(2);
    }

    @Test
    void restartDropsTheLabsRowsAndKeepsOtherLabs() {
        Gradebook gradebook = gradebook("class.csv",
                row("ada", "lab01", 110, LearnerStatus.COMPLETED),
                row("ada", "lab02", 40, LearnerStatus.COMPLETED));

        gradebook.open("lab01", true);

        assertThat(gradebook.finished("lab01")).isEmpty();
        assertThat(gradebook.read()).extracting(GradebookRow::lab).containsExactly("lab02");
    }

    @Test
    void aFileThatIsNotAGradebookIsRefused() throws IOException {
        Path other = Files.writeString(folder.resolve("notes.csv"), "name,grade\nada,A\n");

        assertThatThrownBy(() -> new Gradebook(other).open("lab01", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a gradebook").hasMessageContaining("--gradebook");
        assertThat(Files.readString(other)).isEqualTo("name,grade\nada,A\n");
    }

    @Test
    void theSummaryGivesTheSpreadFullMarksAndStatuses() {
        ClassSummary summary = ClassSummary.of("lab01", java.util.List.of(
                row("ada", "lab01", 110, LearnerStatus.COMPLETED),
                row("bob", "lab01", 110, LearnerStatus.COMPLETED),
                row("cy", "lab01", 0, LearnerStatus.STEP_NOT_DONE),
                row("dee", "lab01", 45, LearnerStatus.TIMEOUT),
                row("eve", "lab02", 3, LearnerStatus.COMPLETED)));

        assertThat(summary.median()).isEqualTo(77.5);
        assertThat(summary.render()).contains("4 learners graded", "out of 110", "mean 66.3", "median 77.5",
                "min 0", "max 110", "Full marks: 2", "COMPLETED 2, STEP_NOT_DONE 1, TIMEOUT 1");
    }
}
