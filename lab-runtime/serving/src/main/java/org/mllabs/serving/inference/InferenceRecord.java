package org.mllabs.serving.inference;

import java.time.LocalDate;
import java.util.Map;

/**
 * One request and its response, as a row of an inference table, in Databricks' columns.
 *
 * @param databricksRequestId the id this service gave the request
 * @param clientRequestId the request body's {@code client_request_id}, or null
 * @param date the UTC date the request arrived
 * @param timestampMs when it arrived, epoch milliseconds
 * @param statusCode the HTTP status of the response
 * @param samplingFraction the share of requests recorded, 1.0 (every one)
 * @param executionTimeMs how long the model took to predict, 0 when it did not run
 * @param request the request body
 * @param response the response body
 * @param requestMetadata {@code endpoint_name}, {@code model_name}, {@code model_version}, {@code served_entity_name}
 */
public record InferenceRecord(String databricksRequestId, String clientRequestId, LocalDate date, long timestampMs,
        int statusCode, double samplingFraction, long executionTimeMs, String request, String response,
        Map<String, String> requestMetadata) {

    public InferenceRecord {
        requestMetadata = Map.copyOf(requestMetadata);
    }
}
