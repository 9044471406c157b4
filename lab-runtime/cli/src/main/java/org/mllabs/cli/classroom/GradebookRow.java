package org.mllabs.cli.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of a gradebook.
 *
 * @param learner the learner id, or the submission folder's name for {@link LearnerStatus#INVALID_NAME}
 * @param lab the lab, such as {@code lab01}
 * @param score points earned
 * @param max points available
 * @param status how the learner's grading ended
 * @param durationSeconds how long it took, the lab run included
 */
public record GradebookRow(String learner, String lab, int score, int max, LearnerStatus status,
                           double durationSeconds) {

    /** The gradebook's first line. */
    static final String HEADER = "learner,lab,score,max,status,duration_s";

    /** Whether every point was earned. */
    public boolean fullMarks() {
        return max > 0 && score == max;
    }

    /** The row as a CSV line, fields quoted where they need it. */
    String toCsv() {
        return String.join(",", quote(learner), quote(lab), String.valueOf(score), String.valueOf(max), status.name(),
                String.format(Locale.ROOT, "%.1f", durationSeconds));
    }

    /** A row read back, or empty for a line that is not one (such as the last line of an interrupted write). */
    static Optional<GradebookRow> parse(String line) {
        List<String> fields = split(line);
        if (fields.size() != 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GradebookRow(fields.get(0), fields.get(1), Integer.parseInt(fields.get(2)),
                    Integer.parseInt(fields.get(3)), LearnerStatus.valueOf(fields.get(4)),
                    Double.parseDouble(fields.get(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String quote(String field) {
        return field.matches("[^,\"\r\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return quoted ? List.of() : fields;
    }
}
