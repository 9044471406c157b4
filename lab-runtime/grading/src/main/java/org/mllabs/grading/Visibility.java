package org.mllabs.grading;

/** Whether a learner sees a check's result. */
public enum Visibility {
    /** Shown with its hint. */
    VISIBLE,
    /** Counted, but shown only once the instructor releases it. */
    HIDDEN
}
