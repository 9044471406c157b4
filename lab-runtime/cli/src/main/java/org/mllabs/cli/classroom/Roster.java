package org.mllabs.cli.classroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LearnerModelNames;

/**
 * The class list an instructor grades against ({@code --roster}): every learner on it gets a gradebook row, a learner
 * who handed nothing in too ({@link LearnerStatus#NO_SUBMISSION}). One learner a line, the id first: a plain list, or
 * a CSV export whose first column is the id, with or without a header. A first line with a column name of a class
 * list ({@code name}, {@code email}, {@code student}, ...) is a header: its first column must be {@code learner},
 * {@code learner_id} or {@code id}, else the roster is refused. A byte-order mark (spreadsheets write one) is passed
 * over. Blank lines and lines starting with {@code #} are ignored. Names become ids the way submission folders' names
 * do ({@code Ada Lovelace} is {@code ada-lovelace}); two entries that become one id are one learner when they differ
 * only in case or separators ({@code Ada} and {@code ada}), and refused when they differ in letters
 * ({@code Zoë} and {@code Zoé}, both {@code zo-}).
 *
 * @param file where the list was read from
 * @param learners the learners, in the file's order, each once
 */
public record Roster(Path file, List<LearnerId> learners) {

    private static final Set<String> HEADERS = Set.of("learner", "learner_id", "id");
    /** Column names of class lists: a first line holding one of them is a header. */
    private static final Set<String> HEADER_WORDS = Set.of("learner", "learner_id", "id", "name", "names", "full_name",
            "first_name", "last_name", "firstname", "lastname", "given_name", "family_name", "surname", "email",
            "e-mail", "mail", "email_address", "student", "student_id", "student_name", "user", "username",
            "user_name", "login", "sis_id", "section", "group");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * Reads a roster.
     *
     * @throws IllegalArgumentException naming the file and line of an entry that cannot be a learner id, of two
     *     people who would be one learner, of a header without the id first, or when the file is missing or lists
     *     nobody
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
        if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BYTE_ORDER_MARK) {
            lines.set(0, lines.get(0).substring(1));
        }
        Map<LearnerId, String> learners = new LinkedHashMap<>();
        Map<LearnerId, Integer> lineOf = new HashMap<>();
        Map<String, LearnerId> bySchema = new HashMap<>();
        List<String> problems = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String entry = firstField(lines.get(i));
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (first) {
                first = false;
                if (isHeader(lines.get(i))) {
                    requireIdFirst(file, i + 1, entry);
                    continue;
                }
            }
            Optional<LearnerId> learner = SubmissionFolder.learnerId(entry);
            if (learner.isEmpty()) {
                problems.add(file + ":" + (i + 1) + ": \"" + entry + "\" cannot be a learner id");
                continue;
            }
            String earlier = learners.putIfAbsent(learner.get(), entry);
            if (earlier != null && !spelling(earlier).equals(spelling(entry))) {
                problems.add(file + ":" + (i + 1) + ": \"" + entry + "\" and \"" + earlier + "\" (line "
                        + lineOf.get(learner.get()) + ") both become the learner id " + learner.get()
                        + ", so their work would be graded as one learner's: give them ids that differ in letters a-z "
                        + "or digits, such as " + learner.get() + "-1 and " + learner.get() + "-2, and name their "
                        + "folders (or set MLLABS_LEARNER) the same way");
            }
            lineOf.putIfAbsent(learner.get(), i + 1);
            LearnerId sameModels = bySchema.putIfAbsent(LearnerModelNames.schema(learner.get()), learner.get());
            if (sameModels != null && !sameModels.equals(learner.get())) {
                problems.add(file + ":" + (i + 1) + ": " + learner.get() + " and " + sameModels + " (line "
                        + lineOf.get(sameModels) + ") would share registered model names ("
                        + LearnerModelNames.catalogName(learner.get(), "model") + "), since a name part holds no '.': "
                        + "give one of them another id");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems) + "\nA learner id is 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (learners.isEmpty()) {
            throw new IllegalArgumentException("--roster " + file + " lists no learner: write one learner id a line.");
        }
        return new Roster(file, List.copyOf(learners.keySet()));
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

    /** Whether the line names columns: one of its fields is a known column name. */
    private static boolean isHeader(String line) {
        return CsvLines.read(line.strip()).orElse(List.of(line.strip())).stream()
                .anyMatch(field -> HEADER_WORDS.contains(column(field)));
    }

    /** A header's first column must be the learner id. */
    private static void requireIdFirst(Path file, int line, String firstColumn) {
        if (!HEADERS.contains(column(firstColumn))) {
            throw new IllegalArgumentException(file + ":" + line + ": the first line is a header, but its first "
                    + "column is \"" + firstColumn + "\", not the learner id: put the id column first and name it "
                    + "learner, learner_id or id (or remove the header).");
        }
    }

    /** A column name as compared: lower case, spaces and hyphens as {@code _} ({@code Learner ID} is learner_id). */
    private static String column(String field) {
        return field.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /**
     * An entry as a person wrote it, ignoring only case and separators: two entries that are the same learner id but
     * differ here (such as {@code Zoë} and {@code Zoé}, both {@code zo-}) are two people.
     */
    private static String spelling(String entry) {
        return Normalizer.normalize(entry, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-");
    }
}
