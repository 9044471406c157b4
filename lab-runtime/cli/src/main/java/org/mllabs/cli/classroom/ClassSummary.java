package org.mllabs.cli.classroom;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an instructor reads after a class grading: how many learners, the spread of their scores, how many earned
 * full marks, and how their runs ended.
 *
 * @param lab the lab
 * @param rows one row per learner of that lab
 */
public record ClassSummary(String lab, List<GradebookRow> rows) {

    public ClassSummary {
        rows = List.copyOf(rows);
    }

    /** The summary of the lab's rows among all the gradebook's. */
    public static ClassSummary of(String lab, List<GradebookRow> gradebook) {
        return new ClassSummary(lab, gradebook.stream().filter(row -> row.lab().equals(lab)).toList());
    }

    /** The middle score, or the mean of the two middle ones. */
    public double median() {
        int[] scores = rows.stream().mapToInt(GradebookRow::score).sorted().toArray();
        if (scores.length == 0) {
            return 0;
        }
        int middle = scores.length / 2;
        return scores.length % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2.0;
    }

    /** How many learners ended with each status, in the order of {@link LearnerStatus}. */
    public Map<LearnerStatus, Long> statuses() {
        return rows.stream().collect(Collectors.groupingBy(GradebookRow::status,
                () -> new EnumMap<>(LearnerStatus.class), Collectors.counting()));
    }

    /** The summary as lines of text. */
    public String render() {
        if (rows.isEmpty()) {
            return "No learner of " + lab + " has been graded.";
        }
        var scores = rows.stream().mapToInt(GradebookRow::score).summaryStatistics();
        int max = rows.stream().mapToInt(GradebookRow::max).max().orElse(0);
        long fullMarks = rows.stream().filter(GradebookRow::fullMarks).count();
        return String.format(Locale.ROOT, "%s: %s graded. Score out of %d: mean %.1f, median %s, min %d, "
                        + "max %d. Full marks: %d.%nStatuses: %s", lab, LearnerCount.of(rows.size()), max,
                scores.getAverage(), format(median()), scores.getMin(), scores.getMax(), fullMarks,
                statuses().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
