package org.mllabs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mllabs.cli.export.StudentCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lab export-student <dir>}: writes the learners' copy of this checkout, the files git tracks without reference
 * solutions, hidden checks, grader tests and mutants, or a grading seed. Untracked files are named, never copied.
 */
@Command(name = "export-student",
        description = "Write the learners' copy of this checkout into a new or empty folder: the files git tracks but "
                + "the reference solutions, hidden checks, grader tests and mutants, and any grading seed. Files git "
                + "does not track are never copied.")
final class ExportStudentCommand implements Callable<Integer> {

    private final CliSession session;

    @Parameters(index = "0", paramLabel = "<dir>", description = "A new or empty folder.")
    private Path target;

    ExportStudentCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Path root = session.repository().root();
        StudentCopy copy = StudentCopy.of(root);
        copy.writeTo(target);
        session.say("Wrote the learners' copy of " + root + " to " + target.toAbsolutePath().normalize() + " ("
                + copy.kept().size() + " files).");
        session.say("Left out:");
        copy.describeLeftOut().forEach(line -> session.say("  " + line));
        session.say("Build it there with: ./mvnw -q install -DskipTests");
        return ExitCodes.OK;
    }
}
