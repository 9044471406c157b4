package org.mllabs.lab11;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.serving.ServingClient;

/**
 * The customers' requests to the endpoint (given code): held-out rows, {@value ChampionChallengerLab#ROWS_PER_REQUEST}
 * a request, in the {@code dataframe_split} format, one after the other.
 */
final class Traffic {

    private static final Duration RECORDED_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofMillis(1500);

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

    /**
     * Reads the inference table until it holds a row for every request sent and has not grown for a moment (the
     * service appends its rows every second, a shadow's answers a little later).
     */
    List<Row> awaitRecorded(Supplier<List<Row>> read) {
        Instant deadline = Instant.now().plus(RECORDED_TIMEOUT);
        List<Row> rows = List.of();
        int seen = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                rows = read.get();
            } catch (Exception e) { // Spark's own exceptions are checked ones thrown unchecked
                rows = List.of(); // the table's first batch is not written yet, or a batch was being appended
            }
            if (rows.size() >= sent && rows.size() == seen) {
                return rows;
            }
            seen = rows.size();
            try {
                Thread.sleep(QUIET.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The inference table holds " + rows.size() + " answered requests after "
                + RECORDED_TIMEOUT + ", " + sent + " were sent");
    }
}
