package org.mllabs.serving.scoring;

/**
 * MLflow's reading of a request could not be had: no Python environment, or its process ended or did not answer.
 * A fault of the machine, never of the request: a server answers it with 503, not with a refusal.
 */
public final class InputCheckUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    /** With what went wrong, and what to do about it. */
    public InputCheckUnavailable(String message) {
        super(message);
    }
}
