package org.mllabs.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;

/**
 * The seed graders draw held-out data and other grading randomness from, so that a learner cannot precompute it.
 *
 * <p>Chosen in this order: the variable {@value #VARIABLE}; else the file {@value #FILE_NAME} in the state
 * directory ({@code ${MLLABS_HOME}/grading-seed}, one integer); else the public practice seed {@value #PRACTICE},
 * which every learner's copy uses, so practice grades are reproducible. An instructor keeps the real seed out of the
 * repository (the learner's copy never contains a {@value #FILE_NAME} file) and reports say which seed graded them.
 *
 * @param value the seed
 * @param source where it came from
 * @param origin the variable or file it was read from, for messages
 */
public record GradingSeed(long value, Source source, String origin) {

    /** The variable that sets the seed. */
    public static final String VARIABLE = "MLLABS_GRADING_SEED";

    /** The file in the state directory that holds the seed when the variable is unset. */
    public static final String FILE_NAME = "grading-seed";

    /** The public seed used when no other is set: fine for practice, known to everyone. */
    public static final long PRACTICE = GradingContext.PRACTICE_SEED;

    /** Where a seed came from. */
    public enum Source {
        /** The variable {@value GradingSeed#VARIABLE}. */
        ENVIRONMENT,
        /** The file {@value GradingSeed#FILE_NAME} in the state directory. */
        FILE,
        /** Neither is set: the public practice seed. */
        PRACTICE
    }

    /**
     * The seed the environment chooses.
     *
     * @throws IllegalStateException naming the variable or file and what to write there, when what it holds is not
     *         an integer: the environment is not ready to grade
     */
    public static GradingSeed resolve(LabEnvironment environment, LabHome home) {
        Optional<String> variable = environment.get(VARIABLE);
        if (variable.isPresent()) {
            return new GradingSeed(parse(variable.get(), "the variable " + VARIABLE, "set it to", "unset it"),
                    Source.ENVIRONMENT, VARIABLE);
        }
        Path file = home.root().resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            return new GradingSeed(parse(read(file), "the file " + file, "write in it", "delete the file"),
                    Source.FILE, file.toString());
        }
        return new GradingSeed(PRACTICE, Source.PRACTICE, "the public practice seed");
    }

    /** Whether this is the public practice seed, which learners know. */
    public boolean isPractice() {
        return source == Source.PRACTICE;
    }

    /** One line for a report, such as {@code the grading seed from MLLABS_GRADING_SEED}. */
    public String describe() {
        return isPractice() ? "the public practice seed " + PRACTICE : "the grading seed from " + origin;
    }

    private static long parse(String text, String origin, String toCorrect, String toDrop) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The grading seed in " + origin + " is not an integer (\"" + text.strip()
                    + "\"): " + toCorrect + " one whole number, such as 912837465, or " + toDrop
                    + " to grade with the public practice seed.", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the grading seed " + file + ": check its permissions", e);
        }
    }
}
