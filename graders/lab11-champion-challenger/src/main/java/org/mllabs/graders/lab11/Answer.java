package org.mllabs.graders.lab11;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mllabs.grading.evidence.ServedEndpoint;
import org.mllabs.runtime.serving.RequestRows;

/**
 * One customer's answer in the inference table: a row of the table is a request, its rows (in any of MLflow's formats,
 * read by the runtime's {@link RequestRows}) paired with its response's {@code predictions}.
 *
 * @param requestId the request's {@code databricks_request_id}, which a shadow's copy shares
 * @param arrivedAt its {@code timestamp_ms}
 * @param version the model version that answered
 * @param shadow whether it is a shadow's answer
 * @param customerId the customer, the request's {@code customer_id}
 * @param prediction the answer
 */
record Answer(String requestId, long arrivedAt, String version, boolean shadow, String customerId, double prediction) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answered requests (status 200) of the table, a row a customer. */
    static List<Answer> unpack(List<Map<String, Object>> table) {
        List<Answer> answers = new ArrayList<>();
        for (Map<String, Object> row : table) {
            if (!Integer.valueOf(200).equals(row.get("status_code"))) {
                continue;
            }
            Map<String, Object> metadata = ServedEndpoint.metadata(row);
            JsonNode request;
            JsonNode response;
            try {
                request = JSON.readTree(String.valueOf(row.get("request")));
                response = JSON.readTree(String.valueOf(row.get("response")));
            } catch (IOException e) {
                continue;
            }
            List<Map<String, JsonNode>> rows;
            try {
                rows = RequestRows.of(request);
            } catch (IllegalArgumentException e) {
                continue;
            }
            JsonNode predictions = response.path("predictions");
            if (rows.size() != predictions.size()
                    || rows.stream().anyMatch(values -> !values.containsKey(RolloutGrader.KEY))) {
                continue;
            }
            for (int i = 0; i < rows.size(); i++) {
                answers.add(new Answer(String.valueOf(row.get("databricks_request_id")),
                        ((Number) row.get("timestamp_ms")).longValue(), String.valueOf(metadata.get("model_version")),
                        "true".equals(metadata.get("shadow")), rows.get(i).get(RolloutGrader.KEY).asText(),
                        predictions.get(i).asDouble()));
            }
        }
        return answers;
    }
}
