package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.lab.LabRunResult;

/**
 * How a {@code lab run} in a child JVM tells the class grading how the lab's code ended: exit status 3 covers a TODO
 * step, a compile error and an exception alike, so the run writes its {@link LabRunResult.Status} to the file named
 * by {@value #VARIABLE}.
 */
public final class LabRunStatusFile {

    /** The variable naming the file a {@code lab run} writes its result's status to. */
    public static final String VARIABLE = "MLLABS_RUN_STATUS_FILE";

    private static final int LONGEST = 64;

    private LabRunStatusFile() {
    }

    /** Writes the status to the file the environment names, if it names one. */
    public static void write(LabEnvironment environment, LabRunResult.Status status) {
        environment.get(VARIABLE).map(Path::of).ifPresent(file -> {
            try {
                Files.writeString(file, status.name());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the run's status to " + file + " (" + VARIABLE + ")", e);
            }
        });
    }

    /**
     * The status a run wrote, empty when it wrote none (it did not get that far) or something else. The run owns the
     * file's folder: a symbolic link (to a file of the instructor's) or anything longer than a status is not read.
     */
    static Optional<LabRunResult.Status> read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > LONGEST) {
                return Optional.empty();
            }
            String text = Files.readString(file).strip();
            return Arrays.stream(LabRunResult.Status.values()).filter(s -> s.name().equals(text)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
