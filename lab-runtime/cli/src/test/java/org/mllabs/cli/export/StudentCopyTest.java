package org.mllabs.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a learner's copy holds, on a small repository of its own. */
class StudentCopyTest {

    private static final List<String> KEPT = List.of("mvnw", "pom.xml",
            "graders/lab01-x/README.md", "graders/lab01-x/src/main/java/Grader.java",
            "labs/lab01-x/README.md", "labs/lab01-x/src/main/java/Steps.java");

    @TempDir
    Path repository;

    private void write(String... files) throws IOException {
        for (String file : files) {
            Path path = repository.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
    }

    private void writeRepository() throws IOException {
        write(KEPT.toArray(String[]::new));
        write("labs/lab01-x/src/solution/java/Steps.java",
                "graders/lab01-x/src/hidden/java/Hidden.java",
                "graders/lab01-x/src/hidden/resources/META-INF/services/org.mllabs.grading.HiddenChecks",
                "graders/lab01-x/src/test/java/GraderIT.java", "graders/lab01-x/src/test/resources/mutants.yaml",
                "grading-seed", "labs/lab01-x/target/classes/Steps.class");
        Files.setPosixFilePermissions(repository.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void withoutGitEveryFileButTheGradingOnesAndBuildOutput() throws IOException {
        writeRepository();

        StudentCopy copy = StudentCopy.of(repository);

        assertThat(copy.kept()).map(Path::toString).containsExactlyInAnyOrderElementsOf(KEPT);
        assertThat(copy.describeLeftOut()).containsExactly(
                "reference solutions: labs/lab01-x/src/solution (1 file)",
                "hidden checks: graders/lab01-x/src/hidden (2 files)",
                "grader tests and mutants: graders/lab01-x/src/test (2 files)",
                "grading seed: grading-seed (1 file)");
    }

    @Test
    void inAGitCheckoutOnlyTheFilesGitTracksAndTheUntrackedOnesAreNamed(@TempDir Path target) throws Exception {
        writeRepository();
        write("labs/lab01-x/notes/.keep");
        Files.writeString(repository.resolve(".gitignore"), "target/\nnotes/\n");
        git("init", "-q");
        git("add", ".");
        write("gradebook.csv", "private/notes.md");

        StudentCopy copy = StudentCopy.of(repository);
        copy.writeTo(target.resolve("copy"));

        assertThat(copy.kept()).map(Path::toString)
                .containsExactlyInAnyOrderElementsOf(concat(KEPT, ".gitignore"));
        assertThat(copy.leftOut()).containsOnlyKeys(LeftOut.values());
        assertThat(copy.untracked()).map(Path::toString).containsExactly("gradebook.csv", "private/notes.md");
        assertThat(copy.describeLeftOut()).last().asString()
                .startsWith("files git does not track: gradebook.csv, private/notes.md (2 files; git add");
        assertThat(target.resolve("copy/gradebook.csv")).doesNotExist();
        assertThat(target.resolve("copy/private")).doesNotExist();
        assertThat(target.resolve("copy/labs/lab01-x/src/main/java/Steps.java")).exists();
    }

    private void git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void theCopyKeepsPermissionsAndRefusesAFolderThatIsNotEmpty(@TempDir Path target) throws IOException {
        writeRepository();
        StudentCopy copy = StudentCopy.of(repository);

        copy.writeTo(target.resolve("copy"));

        assertThat(Files.isExecutable(target.resolve("copy/mvnw"))).isTrue();
        assertThat(target.resolve("copy/labs/lab01-x/src/solution")).doesNotExist();
        assertThat(target.resolve("copy/grading-seed")).doesNotExist();
        assertThatThrownBy(() -> copy.writeTo(target.resolve("copy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
