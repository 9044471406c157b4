package org.mllabs.grading;

import java.time.Duration;
import java.util.List;

/**
 * A lab's grade.
 *
 * @param labId the lab
 * @param learner whose work
 * @param outcomes every check with what it found, in order
 * @param duration how long grading took
 */
public record GradeReport(String labId, String learner, List<CheckOutcome> outcomes, Duration duration) {

    public GradeReport {
        outcomes = List.copyOf(outcomes);
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

    /** How many checks did not pass (failed or skipped). */
    public long notPassed() {
        return outcomes.stream().filter(o -> !o.result().passed()).count();
    }

    /** The outcome of one check. */
    public CheckOutcome outcome(String checkId) {
        return outcomes.stream().filter(o -> o.check().id().equals(checkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No check " + checkId + " in the grade of " + labId));
    }
}
