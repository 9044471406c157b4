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
}
