package org.mllabs.runtime.audit;

/**
 * An operation of an audited wrapper was refused, and the refusal is recorded. The cause is the exception that refused
 * it (Delta's {@code AnalysisException}, catalog mode's {@code IllegalArgumentException}, the server's
 * {@code MlflowApiException}); the message is the cause's.
 */
public final class RefusedOperationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RefusedOperation refusal;

    RefusedOperationException(RefusedOperation refusal, Throwable cause) {
        super(refusal.message(), cause);
        this.refusal = refusal;
    }

    /** The entry the runtime recorded. */
    public RefusedOperation refusal() {
        return refusal;
    }
}
