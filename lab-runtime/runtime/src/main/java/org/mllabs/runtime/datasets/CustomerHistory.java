package org.mllabs.runtime.datasets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The customers of {@code customer_churn} over the first quarter of 2024, the data lab 08 hands its steps: monthly
 * feature snapshots, a later update, labels observed at different times, and keys to score at a time.
 *
 * <p>Each customer's number ({@code C000042} is 42) decides, deterministically, how its features change and when its
 * label was observed, so that values after a label's time differ from those before it: a lookup that ignores time
 * shows. The customers come from the dataset's generator ({@link DatasetValues#rows}), not from a file, so the lab
 * and its grader get the same rows, and the grader's cannot be changed by editing a learner's checkout.
 *
 * <pre>{@code
 * CustomerHistory history = CustomerHistory.generate();
 * Dataset<Row> labels = history.labels().toDataset(spark);                       // in the lab
 * List<Map<String, Object>> expected = history.labels().rows();                  // in the grader
 * }</pre>
 */
public final class CustomerHistory {

    /** The end of January, the first snapshot. */
    public static final Instant JANUARY = Instant.parse("2024-01-31T00:00:00Z");
    /** The end of February, the second snapshot. */
    public static final Instant FEBRUARY = Instant.parse("2024-02-29T00:00:00Z");
    /** The end of March, the time of the update. */
    public static final Instant MARCH = Instant.parse("2024-03-31T00:00:00Z");
    /** When the keys are scored. */
    public static final Instant SCORE_TIME = Instant.parse("2024-03-01T00:00:00Z");
    /** Every how many customers one is scored. */
    public static final int SCORED_EVERY = 5;

    private static final Instant MID_JANUARY = Instant.parse("2024-01-15T00:00:00Z");
    private static final Instant MID_FEBRUARY = Instant.parse("2024-02-15T00:00:00Z");
    private static final Instant MID_APRIL = Instant.parse("2024-04-15T00:00:00Z");
    private static final BigDecimal CHARGES_UP = new BigDecimal("1.05");
    private static final String KEY = "customer_id";
    private static final StructType SNAPSHOT = new StructType()
            .add(KEY, DataTypes.StringType)
            .add("snapshot_time", DataTypes.TimestampType)
            .add("tenure_months", DataTypes.LongType)
            .add("monthly_charges", DataTypes.DoubleType)
            .add("support_calls", DataTypes.DoubleType)
            .add("contract", DataTypes.StringType);
    private static final StructType LABEL = new StructType()
            .add(KEY, DataTypes.StringType)
            .add("label_time", DataTypes.TimestampType)
            .add("churned", DataTypes.LongType);
    private static final StructType KEY_TO_SCORE = new StructType()
            .add(KEY, DataTypes.StringType)
            .add("score_time", DataTypes.TimestampType);

    private final List<Map<String, String>> customers;

    private CustomerHistory(List<Map<String, String>> customers) {
        this.customers = customers;
    }

    /** The history of every customer of {@code customer_churn}, from the dataset's generator. */
    public static CustomerHistory generate() {
        return new CustomerHistory(DatasetValues.rows(LabDataset.CUSTOMER_CHURN));
    }

    /**
     * The snapshots of the end of January and of February: customer_id, snapshot_time, tenure_months,
     * monthly_charges, support_calls, contract. In February every customer is a month older, and every third one
     * called support once more.
     */
    public GeneratedTable snapshots() {
        List<Map<String, Object>> rows = new ArrayList<>();
        customers.forEach(customer -> rows.add(snapshot(customer, JANUARY, 0, 0, BigDecimal.ONE)));
        customers.forEach(customer -> rows.add(snapshot(customer, FEBRUARY, 1, number(customer) % 3 == 0 ? 1 : 0,
                BigDecimal.ONE)));
        return new GeneratedTable(SNAPSHOT, rows);
    }

    /**
     * The end of March, for every second customer only: two months older than in January, two more support calls,
     * and charges up 5% (rounded half up to the cent).
     */
    public GeneratedTable marchUpdate() {
        return table(SNAPSHOT, customer -> number(customer) % 2 == 0,
                customer -> snapshot(customer, MARCH, 2, 2, CHARGES_UP));
    }

    /**
     * The labels: customer_id, label_time, churned. A customer's label was observed on 15 January (every tenth
     * customer: before any snapshot), at the very time of the February snapshot (of the others, every third), on
     * 15 February or on 15 April.
     */
    public GeneratedTable labels() {
        return table(LABEL, customer -> true, customer -> {
            int number = number(customer);
            Instant observed = number % 10 == 0 ? MID_JANUARY
                    : number % 3 == 0 ? FEBRUARY
                    : number % 3 == 1 ? MID_FEBRUARY
                    : MID_APRIL;
            return row(LABEL, customer.get(KEY), observed, whole(customer.get("churned")));
        });
    }

    /** The keys to score: every {@value #SCORED_EVERY}th customer, at {@link #SCORE_TIME}: customer_id, score_time. */
    public GeneratedTable keysToScore() {
        return table(KEY_TO_SCORE, customer -> number(customer) % SCORED_EVERY == 0,
                customer -> row(KEY_TO_SCORE, customer.get(KEY), SCORE_TIME));
    }

    private GeneratedTable table(StructType schema, Predicate<Map<String, String>> which,
                                 Function<Map<String, String>, Map<String, Object>> row) {
        return new GeneratedTable(schema, customers.stream().filter(which).map(row).toList());
    }

    private static Map<String, Object> snapshot(Map<String, String> customer, Instant time, int months, int calls,
                                                BigDecimal chargeFactor) {
        Long tenure = whole(customer.get("tenure_months"));
        Long supportCalls = whole(customer.get("support_calls"));
        String charges = customer.get("monthly_charges");
        return row(SNAPSHOT, customer.get(KEY), time,
                tenure == null ? null : tenure + months,
                charges == null ? null : new BigDecimal(charges).multiply(chargeFactor)
                        .setScale(2, RoundingMode.HALF_UP).doubleValue(),
                supportCalls == null ? null : (double) (supportCalls + calls),
                customer.get("contract"));
    }

    private static Map<String, Object> row(StructType schema, Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        String[] columns = schema.fieldNames();
        for (int i = 0; i < columns.length; i++) {
            row.put(columns[i], values[i]);
        }
        return Collections.unmodifiableMap(row);
    }

    /** The customer's number: {@code C000042} is 42. */
    private static int number(Map<String, String> customer) {
        return Integer.parseInt(customer.get(KEY).substring(1));
    }

    private static Long whole(String cell) {
        return cell == null ? null : Long.valueOf(cell);
    }
}
