package org.mllabs.runtime.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.LearnerId;

/**
 * A learner's inference table, {@code <catalog>.<schema>.<prefix>_payload}, as a lab names it in its endpoint configs
 * and reads it back: the serving service writes it (Databricks' columns, a Delta table in the service's
 * {@code tables_folder}), appending the rows of answered requests every second.
 *
 * @param catalog its catalog
 * @param schema its schema, the learner's
 * @param prefix its table name prefix
 */
public record InferenceTable(String catalog, String schema, String prefix) {

    private static final Duration QUIET = Duration.ofMillis(1500);

    /**
     * A new table for one run of a lab, in the learner's catalog and schema: the prefix is {@code name} and the time
     * in base 36, so that each run records in a table of its own.
     */
    public static InferenceTable fresh(LearnerId learner, String name) {
        return new InferenceTable(LearnerEndpointNames.tableCatalog(), LearnerEndpointNames.tableSchema(learner),
                name + "_" + Long.toString(System.currentTimeMillis(), 36));
    }

    /** A new endpoint config that records every request in this table: add the served entities and routes. */
    public EndpointConfig config() {
        return ServingClient.config().inferenceTable(catalog, schema, prefix);
    }

    /** Its three-part name. */
    public String name() {
        return catalog + "." + schema + "." + prefix + "_payload";
    }

    /** Its Delta directory, in the service's {@code tables_folder}. */
    public Path folder(ServingClient serving) {
        return Path.of(serving.serviceInfo().path("tables_folder").asText()).resolve(name());
    }

    /**
     * Reads its rows that meet a condition once at least {@code atLeast} of them are answers of the served entities
     * themselves (not a shadow's, {@code request_metadata.shadow}) and their number has not changed for a moment: the
     * service appends its rows every second, a shadow's answers a little later, so shadows' rows never stand in for
     * the requests' own.
     *
     * @param condition a Spark SQL condition on the table's columns, such as {@code status_code = 200}
     * @throws IllegalStateException when there are fewer after the timeout
     */
    public List<Row> awaitRows(SparkSession spark, ServingClient serving, String condition, long atLeast,
                               Duration timeout) {
        String folder = folder(serving).toString();
        Instant deadline = Instant.now().plus(timeout);
        List<Row> rows = List.of();
        int seen = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                rows = spark.read().format("delta").load(folder).filter(condition).collectAsList();
            } catch (Exception e) { // Spark's own exceptions are checked ones thrown unchecked
                rows = List.of(); // the table's first batch is not written yet, or a batch was being appended
            }
            if (rows.stream().filter(row -> !shadow(row)).count() >= atLeast && rows.size() == seen) {
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
        throw new IllegalStateException("The inference table " + name() + " holds " + rows.size() + " rows where "
                + condition + " after " + timeout + ", " + atLeast + " answers of the served entities were expected");
    }

    private static boolean shadow(Row row) {
        Map<String, String> metadata = row.getJavaMap(row.fieldIndex("request_metadata"));
        return metadata != null && "true".equals(metadata.get("shadow"));
    }
}
