package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the serving API refuses, answered as Databricks answers: an HTTP status and a body
 * {@code {"error_code": ..., "message": ...}}.
 */
public final class ServingError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    private ServingError(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** 400 {@code INVALID_PARAMETER_VALUE}: a field with a value the API does not take. */
    public static ServingError invalidParameter(String message) {
        return new ServingError(400, "INVALID_PARAMETER_VALUE", message);
    }

    /** 400 {@code BAD_REQUEST}: a body that cannot be read at all. */
    public static ServingError badRequest(String message) {
        return new ServingError(400, "BAD_REQUEST", message);
    }

    /** 404 {@code RESOURCE_DOES_NOT_EXIST}: an endpoint or served entity that does not exist. */
    public static ServingError notFound(String message) {
        return new ServingError(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    /** 409 {@code RESOURCE_ALREADY_EXISTS}: an endpoint name already taken. */
    public static ServingError alreadyExists(String message) {
        return new ServingError(409, "RESOURCE_ALREADY_EXISTS", message);
    }

    /** 409 {@code RESOURCE_CONFLICT}: a change while another is in progress. */
    public static ServingError conflict(String message) {
        return new ServingError(409, "RESOURCE_CONFLICT", message);
    }

    /** 405 {@code METHOD_NOT_ALLOWED}: a path that exists, asked with another method. */
    public static ServingError methodNotAllowed(String message) {
        return new ServingError(405, "METHOD_NOT_ALLOWED", message);
    }

    /** 404 {@code ENDPOINT_NOT_FOUND}: a path the API does not have, worded as Databricks words it. */
    public static ServingError noSuchApi(String method, String path) {
        return new ServingError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
    }

    /** 500 {@code INTERNAL_ERROR}: a fault of the service, with what it was. */
    public static ServingError internal(RuntimeException fault) {
        return new ServingError(500, "INTERNAL_ERROR", "The serving service failed: " + fault);
    }

    /** 413 {@code BAD_REQUEST}: a body larger than the service reads. */
    public static ServingError tooLarge(String message) {
        return new ServingError(413, "BAD_REQUEST", message);
    }

    /** 429 {@code REQUEST_LIMIT_EXCEEDED}: more requests at once than a served entity serves. */
    public static ServingError tooManyRequests(String message) {
        return new ServingError(429, "REQUEST_LIMIT_EXCEEDED", message);
    }

    /** 503 {@code TEMPORARILY_UNAVAILABLE}: what the request needs (the MLflow server) cannot be reached. */
    public static ServingError unavailable(String message) {
        return new ServingError(503, "TEMPORARILY_UNAVAILABLE", message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Databricks' error code, such as {@code INVALID_PARAMETER_VALUE}. */
    public String errorCode() {
        return errorCode;
    }

    /** The response body. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error_code", errorCode);
        body.put("message", getMessage());
        return body;
    }
}
