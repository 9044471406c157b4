package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mllabs.runtime.LearnerId;

/**
 * The class list an instructor grades against ({@code --roster}): every learner on it gets a gradebook row, a learner
 * who handed nothing in too ({@link LearnerStatus#NO_SUBMISSION}). One learner a line, the id first: a plain list, or
 * a CSV export whose first column is the id (a first line whose first field is {@code learner}, {@code learner_id}
 * or {@code id} is a header, and skipped). Blank lines and
 * lines starting with {@code #} are ignored. Names become ids the way submission folders' names do
 * ({@code Ada Lovelace} is {@code ada-lovelace}).
 *
 * @param file where the list was read from
 * @param learners the learners, in the file's order, each once
 */
public record Roster(Path file, List<LearnerId> learners) {

    private static final Set<String> HEADERS = Set.of("learner", "learner_id", "id");

    /**
     * Reads a roster.
     *
     * @throws IllegalArgumentException naming the file and line of an entry that cannot be a learner id, or when the
     *     file is missing or lists nobody
     */
    public static Roster read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--roster " + file + " does not exist: give a file with one learner id "
                    + "a line.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the roster " + file, e);
        }
        Set<LearnerId> learners = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String entry = firstField(lines.get(i));
            if (entry.isEmpty() || entry.startsWith("#") || (i == 0 && isHeader(entry))) {
                continue;
            }
            Optional<LearnerId> learner = SubmissionFolder.learnerId(entry);
            if (learner.isEmpty()) {
                problems.add(file + ":" + (i + 1) + ": \"" + entry + "\" cannot be a learner id");
            } else {
                learners.add(learner.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems) + "\nA learner id is 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("--roster " + file + " lists no learner: write one learner id a line.");
        }
        return new Roster(file, List.copyOf(learners));
    }

    /** Whether the learner is on the list. */
    public boolean contains(LearnerId learner) {
        return learners.contains(learner);
    }

    private static String firstField(String line) {
        String stripped = line.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return stripped;
        }
        return CsvLines.read(stripped).filter(fields -> !fields.isEmpty()).map(fields -> fields.get(0).strip())
                .orElse(stripped);
    }

    private static boolean isHeader(String entry) {
        return HEADERS.contains(entry.toLowerCase(Locale.ROOT));
    }
}
