package org.mllabs.grading.report;

import java.time.Duration;
import java.util.Locale;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradeReport;

/** The words every report uses for a grade and its checks, so that all formats say the same thing. */
final class ReportText {

    /** What a report shows instead of a hidden check's findings until they are released. */
    static final String CONCEALED = "hidden until the instructor releases it";

    private ReportText() {
    }

    /** The heading, such as {@code Grade of lab01 for ada}. */
    static String heading(GradeReport report) {
        return "Grade of " + report.labId() + " for " + report.learner();
    }

    /** The summary and the score, such as {@code Failed 2 of 7 checks. Score: 85/100}. */
    static String scoreLine(GradeReport report) {
        return report.summary() + " Score: " + report.score() + "/" + report.maxScore();
    }

    /** {@code passed}, {@code failed}, {@code skipped} or {@code error}. */
    static String status(CheckOutcome outcome) {
        return outcome.result().status().name().toLowerCase(Locale.ROOT);
    }

    /** The status, or {@code hidden} for a hidden check not released (as the console report says). */
    static String shownStatus(CheckOutcome outcome, boolean showHidden) {
        return outcome.shown(showHidden) ? status(outcome) : "hidden";
    }

    /** The check's id and description, such as {@code lab01.step3 nested child run per candidate}. */
    static String title(CheckOutcome outcome) {
        return outcome.check().id() + " " + outcome.check().description();
    }

    /** Points earned of points available, such as {@code 15/20}. */
    static String points(CheckOutcome outcome) {
        return outcome.earned() + "/" + outcome.check().points();
    }

    /** What was found, and for a failed check the hint; for a skipped check, why it was skipped. */
    static String findings(CheckOutcome outcome) {
        String hint = hint(outcome);
        return hint.isEmpty() ? outcome.result().detail() : outcome.result().detail() + "\nhint: " + hint;
    }

    /** For a failed check, what to do (the check's guidance); otherwise empty. */
    static String hint(CheckOutcome outcome) {
        return outcome.result().status() == CheckResult.Status.FAILED ? outcome.check().guidance() : "";
    }

    /** The findings, or {@link #CONCEALED} for a hidden check not released. */
    static String shownFindings(CheckOutcome outcome, boolean showHidden) {
        return outcome.shown(showHidden) ? findings(outcome) : CONCEALED;
    }

    /** Seconds with three decimals, as JUnit XML writes times. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }
}
