package org.mllabs.runtime.mlflow;

import java.util.Optional;

/**
 * The MLflow server refused a request. Carries the HTTP status and MLflow's {@code error_code}, such as
 * {@code RESOURCE_DOES_NOT_EXIST} (404) or {@code INVALID_PARAMETER_VALUE} (400), and a message that names the request.
 */
public class MlflowApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** MLflow's code for a missing experiment, run, model or version. */
    public static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";

    /** MLflow's code for a name that is already taken. */
    public static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";

    private final int status;
    private final String errorCode;
    private final String serverMessage;

    /**
     * @param request what was asked, such as {@code GET registered-models/get}
     * @param status the HTTP status
     * @param errorCode MLflow's error code, or null when the answer carried none
     * @param serverMessage MLflow's message, or the raw answer
     */
    public MlflowApiException(String request, int status, String errorCode, String serverMessage) {
        super(request + " failed with HTTP " + status + (errorCode == null ? "" : " " + errorCode) + ": "
                + serverMessage);
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** MLflow's {@code error_code}, if the answer had one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The server's own message, without the request. */
    public String serverMessage() {
        return serverMessage;
    }

    /** Whether the server said the thing asked for does not exist. */
    public boolean isNotFound() {
        return status == 404 || RESOURCE_DOES_NOT_EXIST.equals(errorCode);
    }
}
