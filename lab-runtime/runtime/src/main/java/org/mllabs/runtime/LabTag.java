package org.mllabs.runtime;

/**
 * The tag that carries a lab's id on every run a lab logs and every registered model it creates, beside the
 * learner's ({@link LearnerId#TAG}): how graders and {@code lab reset} tell a lab's work from another's.
 */
public final class LabTag {

    /** The tag's key. */
    public static final String NAME = "mllabs.lab";

    private LabTag() {
    }
}
