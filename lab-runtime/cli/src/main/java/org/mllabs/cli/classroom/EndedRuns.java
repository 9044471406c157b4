package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.mllabs.runtime.LearnerId;

/**
 * Submission runs that ended while the server answered, kept until their grade is final: when only the grading was
 * cut short (the server went down after the run), the next batch grades the learner again on what the run logged,
 * without deleting it and running the submission again. One file per learner, {@code <logs>/<learner>.ended}, holding
 * the run's status; only this process writes the folder, never a submission.
 */
final class EndedRuns {

    private final Path folder;

    EndedRuns(Path folder) {
        this.folder = folder;
    }

    /** How the learner's last run ended, if it ended while the server answered and has no final grade yet. */
    Optional<LearnerStatus> read(LearnerId learner) {
        Path file = file(learner);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return Arrays.stream(LearnerStatus.values()).filter(status -> status.name().equals(text)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Records how the learner's run ended. */
    void write(LearnerId learner, LearnerStatus status) {
        try {
            Files.createDirectories(folder);
            Files.writeString(file(learner), status.name() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(learner), e);
        }
    }

    /** Forgets the learner's run: its grade is final. */
    void forget(LearnerId learner) {
        try {
            Files.deleteIfExists(file(learner));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(learner), e);
        }
    }

    private Path file(LearnerId learner) {
        return folder.resolve(learner.value() + ".ended");
    }
}
