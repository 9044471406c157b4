package org.mllabs.grading.evidence;

/**
 * A learner's model cannot predict the rows a grader hands it, given only the columns its signature declares: it
 * reads the label or another column it does not declare, drops the columns it is given, or has a SQLTransformer whose
 * statement the grader does not run (it calls Java, reads files or tables, runs a user-defined function). The learner's
 * fault, in the step that built or logged the model; the message says what the model lacks or may not do.
 */
public final class UnscorableModelException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** With a message that names the model and what it lacks. */
    public UnscorableModelException(String message) {
        super(message);
    }

    /** With a message that names the model and what it lacks, and Spark's reason. */
    public UnscorableModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
