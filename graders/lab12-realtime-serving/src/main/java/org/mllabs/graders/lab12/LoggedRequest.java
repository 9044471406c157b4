package org.mllabs.graders.lab12;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mllabs.grading.evidence.ServedEndpoint;
import org.mllabs.runtime.serving.RequestRows;

/**
 * One request of an inference table, read back: who answered it, with what status, in which of MLflow's formats it
 * came, its rows, and the answer.
 *
 * @param clientRequestId its {@code client_request_id}, empty when it had none
 * @param arrivedAt its {@code timestamp_ms}
 * @param status its {@code status_code}
 * @param entity the served entity that answered it
 * @param version the model version that answered it
 * @param format the body's input key: {@code dataframe_split}, {@code dataframe_records}, {@code instances} or
 *     {@code inputs}; empty when it had none of them
 * @param rows its rows, column name to JSON value; empty when the body could not be read
 * @param predictions the answer's {@code predictions}; empty for a refusal
 * @param message a refusal's {@code message}; empty for an answer
 * @param executionMs its {@code execution_time_ms}
 */
record LoggedRequest(String clientRequestId, long arrivedAt, int status, String entity, String version,
                     String format, List<Map<String, JsonNode>> rows, List<Double> predictions, String message,
                     long executionMs) {

    /** The formats MLflow's scoring protocol takes, by their input key. */
    static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table's requests, oldest first. */
    static List<LoggedRequest> of(List<Map<String, Object>> table) {
        List<LoggedRequest> requests = new ArrayList<>();
        for (Map<String, Object> row : table) {
            Map<String, Object> metadata = ServedEndpoint.metadata(row);
            JsonNode request = read(row.get("request"));
            JsonNode response = read(row.get("response"));
            String format = FORMATS.stream().filter(request::has).findFirst().orElse("");
            List<Map<String, JsonNode>> rows;
            try {
                rows = RequestRows.of(request);
            } catch (IllegalArgumentException e) {
                rows = List.of();
            }
            List<Double> predictions = new ArrayList<>();
            response.path("predictions").forEach(prediction -> predictions.add(prediction.asDouble()));
            requests.add(new LoggedRequest(row.get("client_request_id") == null ? ""
                    : String.valueOf(row.get("client_request_id")), number(row.get("timestamp_ms")),
                    (int) number(row.get("status_code")), String.valueOf(metadata.get("served_entity_name")),
                    String.valueOf(metadata.get("model_version")), format, rows, predictions,
                    response.path("message").asText(""), number(row.get("execution_time_ms"))));
        }
        requests.sort(Comparator.comparingLong(LoggedRequest::arrivedAt));
        return requests;
    }

    /** Whether it was answered (status 200) with a prediction for each of its rows. */
    boolean answered() {
        return status == 200 && !rows.isEmpty() && predictions.size() == rows.size();
    }

    /** Whether its client id starts with the prefix. */
    boolean from(String clientPrefix) {
        return clientRequestId.startsWith(clientPrefix);
    }

    private static JsonNode read(Object text) {
        try {
            return text == null ? JSON.createObjectNode() : JSON.readTree(String.valueOf(text));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
