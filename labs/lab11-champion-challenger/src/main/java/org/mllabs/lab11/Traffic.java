package org.mllabs.lab11;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.serving.ServingClient;

/**
 * The customers' requests to the endpoint (given code): held-out rows, {@value ChampionChallengerLab#ROWS_PER_REQUEST}
 * a request, in the {@code dataframe_split} format, one after the other.
 */
final class Traffic {

    private final LabContext context;
    private final ServingClient serving;
    private final String endpoint;
    private final List<Row> customers;
    private int next;
    private int sent;

    Traffic(LabContext context, ServingClient serving, String endpoint, List<Row> customers) {
        this.context = context;
        this.serving = serving;
        this.endpoint = endpoint;
        this.customers = customers;
    }

    /** Sends requests, each of the next customers in turn. */
    void send(int requests) {
        for (int r = 0; r < requests; r++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < ChampionChallengerLab.ROWS_PER_REQUEST; i++) {
                Row customer = customers.get(next++ % customers.size());
                List<Object> values = new ArrayList<>();
                for (int c = 0; c < customer.size(); c++) {
                    values.add(customer.get(c));
                }
                rows.add(values);
            }
            serving.invoke(endpoint, ServingClient.dataframeSplit(ChampionChallengerLab.REQUEST_COLUMNS, rows));
            sent++;
        }
        context.log("Sent " + requests + " requests to " + endpoint + " (" + sent + " so far)");
    }

    /** How many requests were sent so far. */
    int sent() {
        return sent;
    }
}
