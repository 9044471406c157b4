package org.mllabs.runtime.model.rows;

/** A pipeline the per-row path cannot score as Spark does: a stage it does not know, or a schema Spark refuses. */
public final class UnsupportedStageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message which stage, and why */
    public UnsupportedStageException(String message) {
        super(message);
    }
}
