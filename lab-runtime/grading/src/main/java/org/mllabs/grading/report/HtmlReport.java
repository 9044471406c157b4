package org.mllabs.grading.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.Figure;
import org.mllabs.grading.GradeReport;

/**
 * A grade as one self-contained page, {@code report.html}: no external files and no script. A header with the lab,
 * the learner, the score and a score bar; a table of the checks with a coloured status, what was found and the hint;
 * each figure as inline SVG. The page is XHTML-compatible: it parses as XML as well as HTML.
 */
public final class HtmlReport implements ReportWriter {

    /** The report's file name. */
    public static final String FILE_NAME = "report.html";

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #222; }
            .bar { width: 30em; height: 1em; background: #eee; border-radius: 4px; overflow: hidden; }
            .fill { height: 100%; background: #2e7d32; }
            table { border-collapse: collapse; margin: 1.5em 0; }
            th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
            td.findings { white-space: pre-wrap; font-family: monospace; }
            .passed { color: #2e7d32; font-weight: bold; }
            .failed { color: #c62828; font-weight: bold; }
            .skipped, .hidden { color: #b26a00; font-weight: bold; }
            """;

    private final boolean showHidden;

    /** @param showHidden whether hidden checks show what they found */
    public HtmlReport(boolean showHidden) {
        this.showHidden = showHidden;
    }

    /** The page. */
    public String render(GradeReport report) {
        String heading = ReportText.heading(report);
        XmlWriter xml = new XmlWriter().doctype("<!DOCTYPE html>").newline()
                .start("html", XHTML).attribute("lang", "en").newline()
                .start("head").empty("meta").attribute("charset", "utf-8")
                .element("title", heading).element("style", STYLE).end().newline()
                .start("body").newline()
                .element("h1", heading)
                .element("p", ReportText.scoreLine(report))
                .start("div").attribute("class", "bar").attribute("title", report.score() + "/" + report.maxScore())
                .start("div").attribute("class", "fill").attribute("style", "width: " + percent(report) + "%")
                .text("").end() // an empty text keeps <div></div>: HTML reads <div/> as an opening tag
                .end().newline();
        checks(xml, report);
        SvgChart chart = new SvgChart();
        for (Figure figure : report.figures()) {
            xml.start("figure");
            chart.write(figure, xml);
            xml.end().newline();
        }
        if (!report.notes().isEmpty()) {
            xml.start("ul");
            report.notes().forEach(note -> xml.element("li", note));
            xml.end().newline();
        }
        return xml.end().newline().end().newline().finish();
    }

    @Override
    public List<Path> write(GradeReport report, ReportDirectory directory) {
        return List.of(directory.write(FILE_NAME, render(report)));
    }

    private void checks(XmlWriter xml, GradeReport report) {
        xml.start("table").start("thead").start("tr");
        for (String column : List.of("Check", "Description", "Status", "Points", "Observation", "Hint")) {
            xml.element("th", column);
        }
        xml.end().end().newline().start("tbody").newline();
        for (CheckOutcome outcome : report.outcomes()) {
            boolean shown = outcome.shown(showHidden);
            String status = ReportText.shownStatus(outcome, showHidden);
            xml.start("tr")
                    .start("td").element("code", outcome.check().id()).end()
                    .element("td", outcome.check().description())
                    .start("td").attribute("class", status).text(status).end()
                    .element("td", ReportText.points(outcome))
                    .start("td").attribute("class", "findings")
                    .text(shown ? outcome.result().detail() : ReportText.CONCEALED).end()
                    .element("td", shown ? ReportText.hint(outcome) : "")
                    .end().newline();
        }
        xml.end().end().newline();
    }

    private static String percent(GradeReport report) {
        double share = report.maxScore() == 0 ? 1 : report.score() / (double) report.maxScore();
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }
}
