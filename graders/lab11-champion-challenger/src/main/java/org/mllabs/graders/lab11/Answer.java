package org.mllabs.graders.lab11;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mllabs.grading.evidence.ServedEndpoint;

/**
 * One customer's answer in the inference table: a row of the table is a request, its {@code dataframe_split} rows
 * paired with its response's {@code predictions}.
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
            JsonNode split = request.path("dataframe_split");
            int key = -1;
            for (int c = 0; c < split.path("columns").size(); c++) {
                if (RolloutGrader.KEY.equals(split.path("columns").get(c).asText())) {
                    key = c;
                }
            }
            JsonNode data = split.path("data");
            JsonNode predictions = response.path("predictions");
            if (key < 0 || data.size() != predictions.size()) {
                continue;
            }
            for (int i = 0; i < data.size(); i++) {
                answers.add(new Answer(String.valueOf(row.get("databricks_request_id")),
                        ((Number) row.get("timestamp_ms")).longValue(), String.valueOf(metadata.get("model_version")),
                        "true".equals(metadata.get("shadow")), data.get(i).get(key).asText(),
                        predictions.get(i).asDouble()));
            }
        }
        return answers;
    }
}
