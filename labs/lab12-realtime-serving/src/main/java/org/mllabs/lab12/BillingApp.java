package org.mllabs.lab12;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.serving.ServingClient;

/**
 * The mobile app's requests to the churn endpoint (given code): for each customer it reads the billing system's
 * record, builds the request row from it, and sends {@value #ROWS_PER_REQUEST} customers a request in the
 * {@code dataframe_records} format, each request with a {@code client_request_id} of the app's own
 * ({@value #BEFORE_FIX}{@code <n>}, then {@value #AFTER_FIX}{@code <n>} once its rows go through your fix).
 */
final class BillingApp {

    /** Customers in a request. */
    static final int ROWS_PER_REQUEST = 4;
    /** The {@code client_request_id} prefix of the app's requests before the fix. */
    static final String BEFORE_FIX = "app-";
    /** The {@code client_request_id} prefix of the app's requests after it. */
    static final String AFTER_FIX = "app-fixed-";

    private final LabContext context;
    private final ServingClient serving;
    private final String endpoint;
    private final List<Map<String, Object>> customers;

    BillingApp(LabContext context, ServingClient serving, String endpoint, List<Map<String, Object>> customers) {
        this.context = context;
        this.serving = serving;
        this.endpoint = endpoint;
        this.customers = customers;
    }

    /**
     * Sends requests for the app's customers in turn, each row as the app builds it and then passed through
     * {@code prepare}.
     */
    void send(int requests, String idPrefix, UnaryOperator<Map<String, Object>> prepare) {
        for (int r = 0; r < requests; r++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < ROWS_PER_REQUEST; i++) {
                rows.add(prepare.apply(requestRow(customers.get((r * ROWS_PER_REQUEST + i) % customers.size()))));
            }
            serving.invoke(endpoint, ServingClient.dataframeRecords(rows).put("client_request_id", idPrefix + r));
        }
        context.log("The app sent " + requests + " requests to " + endpoint + " (" + idPrefix + "0 to " + idPrefix
                + (requests - 1) + ")");
    }

    /**
     * A request row as the app builds it: every column of the customer, but the monthly charge read from the
     * billing system, which keeps amounts in cents.
     */
    private static Map<String, Object> requestRow(Map<String, Object> customer) {
        Map<String, Object> row = new LinkedHashMap<>(customer);
        Object charges = customer.get("monthly_charges");
        row.put("monthly_charges", charges == null ? null : (double) Math.round(((Number) charges).doubleValue()
                * 100));
        return row;
    }
}
