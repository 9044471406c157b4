package org.mllabs.runtime.lab;

/** Thrown by a starter step that the learner has not written yet. */
public class StepNotDoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stepId;

    /**
     * @param stepId the step's id, such as {@code lab01.step3}, as the README and the grader name it
     * @param task what the step asks, in one line
     */
    public StepNotDoneException(String stepId, String task) {
        super("Step " + stepId + " is not done yet: " + task);
        this.stepId = stepId;
    }

    /** The step's id. */
    public String stepId() {
        return stepId;
    }
}
