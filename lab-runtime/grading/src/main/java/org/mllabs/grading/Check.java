package org.mllabs.grading;

import java.util.List;

/**
 * One thing a grader checks.
 *
 * @param id the id of the README step it grades, such as {@code lab01.step3}
 * @param description what it checks, in one line
 * @param guidance what to do when it does not pass, pointing at the README step
 * @param points what it is worth
 * @param dependsOn ids of checks that must pass first; otherwise this one is skipped
 * @param visibility whether the learner sees the result
 * @param rule how it looks at the work
 */
public record Check(String id, String description, String guidance, int points, List<String> dependsOn,
                    Visibility visibility, CheckRule rule) {

    public Check {
        if (points < 0) {
            throw new IllegalArgumentException(id + ": points must not be negative");
        }
        dependsOn = List.copyOf(dependsOn);
    }

    /** A visible check with no prerequisites. */
    public static Check of(String id, int points, String description, String guidance, CheckRule rule) {
        return new Check(id, description, guidance, points, List.of(), Visibility.VISIBLE, rule);
    }

    /** The same check, skipped unless these checks pass. */
    public Check dependsOn(String... ids) {
        return new Check(id, description, guidance, points, List.of(ids), visibility, rule);
    }

    /** The same check, hidden from the learner until released. */
    public Check hidden() {
        return new Check(id, description, guidance, points, dependsOn, Visibility.HIDDEN, rule);
    }
}
