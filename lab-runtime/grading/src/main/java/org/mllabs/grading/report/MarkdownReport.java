package org.mllabs.grading.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;

/**
 * A grade as Markdown, {@code report.md}: the score, a table of the checks (status, points, what was found and the
 * hint), and each figure as an image, {@code figure-1.svg} and so on, written next to it, since Markdown cannot
 * draw. Text from the learner's work is escaped, so it cannot break the table or turn into markup.
 */
public final class MarkdownReport implements ReportWriter {

    /** The report's file name. */
    public static final String FILE_NAME = "report.md";

    private final boolean showHidden;

    /** @param showHidden whether hidden checks show what they found */
    public MarkdownReport(boolean showHidden) {
        this.showHidden = showHidden;
    }

    /** The Markdown text; figure {@code n} (from 1) is linked as {@code figure-n.svg}. */
    public String render(GradeReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(ReportText.heading(report))).append("\n\n")
                .append("**").append(escape(ReportText.scoreLine(report))).append("**\n\n")
                .append("| Check | Status | Points | Observation / hint |\n")
                .append("|---|---|---|---|\n");
        for (CheckOutcome outcome : report.outcomes()) {
            out.append("| ").append(escape(ReportText.title(outcome)))
                    .append(" | ").append(ReportText.shownStatus(outcome, showHidden))
                    .append(" | ").append(ReportText.points(outcome))
                    .append(" | ").append(escape(ReportText.shownFindings(outcome, showHidden)))
                    .append(" |\n");
        }
        for (int i = 0; i < report.figures().size(); i++) {
            out.append("\n![").append(escape(report.figures().get(i).title())).append("](").append(figureFile(i))
                    .append(")\n");
        }
        if (!report.notes().isEmpty()) {
            out.append('\n');
            report.notes().forEach(note -> out.append("- ").append(escape(note)).append('\n'));
        }
        return out.toString();
    }

    @Override
    public List<Path> write(GradeReport report, ReportDirectory directory) {
        List<Path> written = new ArrayList<>();
        written.add(directory.write(FILE_NAME, render(report)));
        SvgChart chart = new SvgChart();
        List<Figure> figures = report.figures();
        for (int i = 0; i < figures.size(); i++) {
            written.add(directory.write(figureFile(i), chart.render(figures.get(i))));
        }
        return written;
    }

    private static String figureFile(int index) {
        return "figure-" + (index + 1) + ".svg";
    }

    /**
     * Text as it reads, not as markup: Markdown's punctuation is backslash-escaped (which CommonMark allows for any
     * ASCII punctuation), line breaks inside a table cell become {@code <br>}.
     */
    static String escape(String text) {
        return text.replaceAll("([\\\\`*_\\[\\]<>|&#!])", "\\\\$1").replace("\r\n", "\n").replace("\n", "<br>");
    }
}
