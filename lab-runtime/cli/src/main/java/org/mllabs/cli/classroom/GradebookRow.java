package org.mllabs.cli.classroom;

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

    /** The row as a CSV line, fields quoted where they need it, without the line end. */
    String toCsv() {
        return CsvLines.write(List.of(learner, lab, String.valueOf(score), String.valueOf(max), status.name(),
                String.format(Locale.ROOT, "%.1f", durationSeconds)));
    }

    /** A row read back, or empty for a line that is not one (such as the last line of an interrupted write). */
    static Optional<GradebookRow> parse(String line) {
        Optional<List<String>> fields = CsvLines.read(line);
        if (fields.isEmpty() || fields.get().size() != 6) {
            return Optional.empty();
        }
        List<String> row = fields.get();
        try {
            return Optional.of(new GradebookRow(row.get(0), row.get(1), Integer.parseInt(row.get(2)),
                    Integer.parseInt(row.get(3)), LearnerStatus.valueOf(row.get(4)), Double.parseDouble(row.get(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
