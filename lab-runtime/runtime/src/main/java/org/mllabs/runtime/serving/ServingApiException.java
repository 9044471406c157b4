package org.mllabs.runtime.serving;

/** A request the serving service refused or failed: its HTTP status, its {@code error_code} and its message. */
public final class ServingApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status; 0 when the service did not answer at all. */
    private final int status;
    private final String errorCode;
    private final String serviceMessage;

    /**
     * @param status the HTTP status, 0 when the service could not be reached
     * @param errorCode the service's {@code error_code}, such as {@code RESOURCE_DOES_NOT_EXIST}
     * @param message the service's message
     */
    public ServingApiException(int status, String errorCode, String message) {
        super(errorCode + " (HTTP " + status + "): " + message);
        this.status = status;
        this.errorCode = errorCode;
        this.serviceMessage = message;
    }

    /** The HTTP status; 0 when the service could not be reached. */
    public int status() {
        return status;
    }

    /** The service's {@code error_code}, such as {@code RESOURCE_DOES_NOT_EXIST}. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's {@code message}, as it answered it. */
    public String serviceMessage() {
        return serviceMessage;
    }

    /** Whether the service was not there to answer: an environment failure, not a refusal. */
    public boolean unreachable() {
        return status == 0 || status == 503;
    }
}
