package org.mllabs.grading;

import java.util.List;

/** Grades one lab. Implementations are found with {@link java.util.ServiceLoader}. */
public interface Grader {

    /** The lab it grades, such as {@code lab01}. */
    String labId();

    /**
     * The checks, in the order of the lab's steps.
     *
     * @param context where the learner's work is
     */
    List<Check> checks(GradingContext context);

    /**
     * Charts of the learner's work for the reports, drawn after the checks; none by default. Figures draw from
     * what the checks read, through {@link GradingContext#evidence}. If this throws, the grade has no figures and a
     * note says why.
     *
     * @param context where the learner's work is
     */
    default List<Figure> figures(GradingContext context) {
        return List.of();
    }
}
