package org.mllabs.lab08;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The customers of {@code customer_churn} over the first quarter of 2024, as the lab's given data: monthly feature
 * snapshots, a later update, labels observed at different times, and keys to score.
 *
 * <p>Each customer's number ({@code C000042} is 42) decides, deterministically, how its features change and when its
 * label was observed, so that values after a label's time differ from those before it: a lookup that ignores time
 * shows.
 */
final class CustomerHistory {

    /** The end of January, the first snapshot. */
    static final String JANUARY = "2024-01-31T00:00:00Z";
    /** The end of February, the second snapshot. */
    static final String FEBRUARY = "2024-02-29T00:00:00Z";
    /** The end of March, the update merged in step 2. */
    static final String MARCH = "2024-03-31T00:00:00Z";
    /** When the keys of step 5 are scored. */
    static final String SCORE_TIME = "2024-03-01T00:00:00Z";
    /** Every how many customers one is scored in step 5. */
    static final int SCORED_EVERY = 5;

    private final Dataset<Row> churn;

    /** @param churn the {@code customer_churn} dataset */
    CustomerHistory(Dataset<Row> churn) {
        this.churn = churn.withColumn("number", substring(col("customer_id"), 2, 6).cast("int"));
    }

    /**
     * The snapshots of the end of January and of February: customer_id, snapshot_time, tenure_months,
     * monthly_charges, support_calls, contract. In February every customer is a month older, and every third one
     * called support once more.
     */
    Dataset<Row> snapshots() {
        Dataset<Row> january = snapshot(JANUARY, 0, lit(0), lit(1.0));
        Dataset<Row> february = snapshot(FEBRUARY, 1, when(col("number").mod(3).equalTo(0), 1).otherwise(0), lit(1.0));
        return january.unionByName(february);
    }

    /**
     * The end of March, for every second customer only: two months older than in January, two more support calls,
     * and charges up 5%.
     */
    Dataset<Row> marchUpdate() {
        return snapshot(MARCH, 2, lit(2), lit(1.05)).join(churn.filter(col("number").mod(2).equalTo(0))
                .select("customer_id"), "customer_id");
    }

    /**
     * The labels: customer_id, label_time, churned. A customer's label was observed on 15 January (every tenth
     * customer: before any snapshot), at the very time of the February snapshot, on 15 February, or on 15 April.
     */
    Dataset<Row> labels() {
        Column time = when(col("number").mod(10).equalTo(0), lit("2024-01-15T00:00:00Z"))
                .when(col("number").mod(3).equalTo(0), lit(FEBRUARY))
                .when(col("number").mod(3).equalTo(1), lit("2024-02-15T00:00:00Z"))
                .otherwise(lit("2024-04-15T00:00:00Z"));
        return churn.select(col("customer_id"), to_timestamp(time).as("label_time"), col("churned"));
    }

    /** The keys to score: every fifth customer, at {@link #SCORE_TIME}: customer_id, score_time. */
    Dataset<Row> keysToScore() {
        return churn.filter(col("number").mod(SCORED_EVERY).equalTo(0))
                .select(col("customer_id"), to_timestamp(lit(SCORE_TIME)).as("score_time"));
    }

    private Dataset<Row> snapshot(String time, int months, Column extraCalls, Column chargeFactor) {
        return churn.select(
                col("customer_id"),
                to_timestamp(lit(time)).as("snapshot_time"),
                col("tenure_months").plus(months).cast("int").as("tenure_months"),
                round(col("monthly_charges").multiply(chargeFactor), 2).cast("double").as("monthly_charges"),
                col("support_calls").plus(extraCalls).cast("int").as("support_calls"),
                col("contract"));
    }
}
