package org.mllabs.grading;

/** How a check looks at the learner's work. */
@FunctionalInterface
public interface CheckRule {

    /**
     * Looks at the work.
     *
     * @return passed or failed, with what was found
     * @throws Exception when the work cannot be read; the check fails with the reason
     */
    CheckResult evaluate() throws Exception;
}
