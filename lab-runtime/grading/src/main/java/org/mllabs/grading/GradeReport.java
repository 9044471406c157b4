package org.mllabs.grading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A lab's grade.
 *
 * @param labId the lab
 * @param learner whose work
 * @param outcomes every check with what it found, in order
 * @param duration how long grading took
 * @param figures the grader's charts of the work, for the reports that draw them
 * @param notes what the grade could not include, such as figures that could not be drawn, and why
 */
public record GradeReport(String labId, String learner, List<CheckOutcome> outcomes, Duration duration,
                          List<Figure> figures, List<String> notes) {

    public GradeReport {
        outcomes = List.copyOf(outcomes);
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
    }

    /** A grade with no figures and no notes. */
    public GradeReport(String labId, String learner, List<CheckOutcome> outcomes, Duration duration) {
        this(labId, learner, outcomes, duration, List.of(), List.of());
    }

    /** Points earned. */
    public int score() {
        return outcomes.stream().mapToInt(CheckOutcome::earned).sum();
    }

    /** Points available. */
    public int maxScore() {
        return outcomes.stream().mapToInt(o -> o.check().points()).sum();
    }

    /** Whether every point was earned. */
    public boolean fullMarks() {
        return score() == maxScore();
    }

    /**
     * Whether every check could be checked: false when the environment failed during one ({@link
     * CheckResult.Status#ERROR}), and then the report is no grade of the learner's work.
     */
    public boolean complete() {
        return outcomes.stream().noneMatch(o -> o.result().status() == CheckResult.Status.ERROR);
    }

    /** The first check the environment kept from being checked, if any. */
    public Optional<CheckOutcome> firstError() {
        return outcomes.stream().filter(o -> o.result().status() == CheckResult.Status.ERROR).findFirst();
    }

    /** How many checks did not pass (failed or skipped). */
    public long notPassed() {
        return outcomes.stream().filter(o -> !o.result().passed()).count();
    }

    /** One sentence on the checks: "All 7 checks passed." or "Failed 2 of 7 checks.". */
    public String summary() {
        long failed = notPassed();
        return failed == 0
                ? "All " + outcomes.size() + " checks passed."
                : "Failed " + failed + " of " + outcomes.size() + " checks.";
    }

    /** The outcome of one check. */
    public CheckOutcome outcome(String checkId) {
        return outcomes.stream().filter(o -> o.check().id().equals(checkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No check " + checkId + " in the grade of " + labId));
    }
}
