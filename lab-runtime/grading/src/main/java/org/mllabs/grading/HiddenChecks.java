package org.mllabs.grading;

import java.util.List;

/**
 * Checks of a lab that the instructor keeps from learners: they count in the grade, but their results are shown only
 * when the instructor releases them ({@code lab grade --show-hidden}).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.mllabs.grading.HiddenChecks}) and live in a grader's {@code src/hidden/java} tree,
 * which the learner's copy of the repository leaves out ({@code lab export-student}). {@link Grading#grade} appends
 * them after the grader's own checks and makes every one {@link Visibility#HIDDEN}, so a hidden check may depend on
 * any visible one.
 */
public interface HiddenChecks {

    /** The lab whose grade these checks join, such as {@code lab01}. */
    String labId();

    /**
     * The hidden checks, with ids of the lab ({@code lab01.…}) that no visible check uses.
     *
     * @param context where the learner's work is
     */
    List<Check> checks(GradingContext context);
}
