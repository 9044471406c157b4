package org.mllabs.grading;

import java.util.Locale;

/**
 * A grade as terminal text: one line a check with its points; under every check that did not pass, what the grader
 * observed and a hint; then "failed n of m" and the score. Colour only when asked (a terminal), so logs stay clean.
 */
public final class ConsoleReport {

    private static final String GREEN = "\u001B[32m";
    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String BOLD = "\u001B[1m";
    private static final String RESET = "\u001B[0m";

    private final boolean color;
    private final boolean showHidden;

    /**
     * @param color whether to use ANSI colours
     * @param showHidden whether hidden checks show their results (for instructors)
     */
    public ConsoleReport(boolean color, boolean showHidden) {
        this.color = color;
        this.showHidden = showHidden;
    }

    /** The report's text. */
    public String render(GradeReport report) {
        StringBuilder out = new StringBuilder();
        out.append(paint(BOLD, "Grade of " + report.labId() + " for " + report.learner())).append('\n');
        int idWidth = report.outcomes().stream().mapToInt(o -> o.check().id().length()).max().orElse(10);
        for (CheckOutcome outcome : report.outcomes()) {
            Check check = outcome.check();
            boolean hidden = !outcome.shown(showHidden);
            CheckResult result = outcome.result();
            out.append(String.format(Locale.ROOT, "  %s  %-" + idWidth + "s  %s  %d/%d%n",
                    hidden ? paint(YELLOW, "HIDDEN") : label(result.status()), check.id(), check.description(),
                    outcome.earned(), check.points()));
            if (!hidden && !result.passed()) {
                for (String line : result.detail().split("\n")) {
                    out.append("          ").append(line).append('\n');
                }
                if (result.status() != CheckResult.Status.ERROR) {
                    out.append("          ").append(paint(BOLD, "hint: ")).append(check.guidance()).append('\n');
                }
            }
        }
        out.append(report.summary()).append(' ')
                .append(paint(BOLD, "Score: " + report.score() + "/" + report.maxScore()))
                .append(String.format(Locale.ROOT, " (graded in %.2f s)", report.duration().toNanos() / 1e9))
                .append('\n');
        return out.toString();
    }

    private String label(CheckResult.Status status) {
        return switch (status) {
            case PASSED -> paint(GREEN, "PASS  ");
            case FAILED -> paint(RED, "FAIL  ");
            case SKIPPED -> paint(YELLOW, "SKIP  ");
            case ERROR -> paint(RED, "ERROR ");
        };
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
