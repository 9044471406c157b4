package org.mllabs.grading.report;

import java.nio.file.Path;
import java.util.List;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;

/**
 * A grade as JUnit XML, which CI servers read as test results: one {@code testsuite} named after the lab, with the
 * learner and the score as properties, and one {@code testcase} a check (class {@code mllabs.<lab>}, name the check's
 * id and description); a check that failed has a {@code failure} holding what was found and the hint, a skipped one a
 * {@code skipped} saying why. Written as {@code TEST-<lab>.xml}, the name test-report tools look for.
 */
public final class JunitXmlReport implements ReportWriter {

    private final boolean showHidden;

    /** @param showHidden whether hidden checks show what they found */
    public JunitXmlReport(boolean showHidden) {
        this.showHidden = showHidden;
    }

    /** The XML text. */
    public String render(GradeReport report) {
        XmlWriter xml = new XmlWriter().declaration().newline()
                .start("testsuite")
                .attribute("name", report.labId())
                .attribute("tests", report.outcomes().size())
                .attribute("failures", count(report, CheckResult.Status.FAILED))
                .attribute("errors", count(report, CheckResult.Status.ERROR))
                .attribute("skipped", count(report, CheckResult.Status.SKIPPED))
                .attribute("time", ReportText.seconds(report.duration()))
                .newline()
                .start("properties");
        property(xml, "learner", report.learner());
        property(xml, "score", report.score());
        property(xml, "max_score", report.maxScore());
        xml.newline().end().newline();
        for (CheckOutcome outcome : report.outcomes()) {
            xml.start("testcase")
                    .attribute("classname", "mllabs." + report.labId())
                    .attribute("name", ReportText.title(outcome))
                    .attribute("time", ReportText.seconds(outcome.duration()));
            String findings = ReportText.shownFindings(outcome, showHidden);
            switch (outcome.result().status()) {
                case FAILED -> xml.start("failure").attribute("message", findings.lines().findFirst().orElse(""))
                        .text(findings).end();
                case SKIPPED -> xml.empty("skipped").attribute("message", findings);
                case ERROR -> xml.start("error").attribute("message", findings.lines().findFirst().orElse(""))
                        .text(findings).end();
                case PASSED -> {
                    // A passing test case has no child element.
                }
            }
            xml.end().newline();
        }
        return xml.end().newline().finish();
    }

    @Override
    public List<Path> write(GradeReport report, ReportDirectory directory) {
        return List.of(directory.write("TEST-" + report.labId() + ".xml", render(report)));
    }

    private static long count(GradeReport report, CheckResult.Status status) {
        return report.outcomes().stream().filter(o -> o.result().status() == status).count();
    }

    private static void property(XmlWriter xml, String name, Object value) {
        xml.newline().empty("property").attribute("name", name).attribute("value", value);
    }
}
