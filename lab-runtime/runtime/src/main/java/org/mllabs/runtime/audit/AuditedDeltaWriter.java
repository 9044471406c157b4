package org.mllabs.runtime.audit;

import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Appends to a Delta table and, when Delta refuses the append, records the refusal in the lab's {@link RefusalAudit}
 * before throwing it on as a {@link RefusedOperationException}. The append is the one a lab would write itself,
 * {@code rows.write().format("delta").mode("append").options(options).save(path)}: schema enforcement refuses it when
 * the rows' columns do not match the table's, unless the options ask for {@code mergeSchema}.
 *
 * <pre>{@code
 * try {
 *     context.delta().append(misnamedBatch, path);                 // refused: recorded by the runtime
 * } catch (RefusedOperationException refused) {
 *     context.log("Delta refused it: " + refused.getMessage());
 * }
 * context.delta().append(evolvedBatch, path, Map.of("mergeSchema", "true"));
 * }</pre>
 *
 * <p>An entry ({@link RefusedOperation}) names the operation {@value #APPEND}, the table's path, the time, Delta's
 * exception class and message, and the details {@value #TABLE_VERSION} (the table's latest version when the append
 * was refused, which the refusal left unchanged), {@value #COLUMNS} (the refused rows' columns, comma-separated),
 * {@value #OPTIONS} and, for Spark's errors, {@value #CONDITION} (such as {@code DELTA_METADATA_MISMATCH}).
 */
public final class AuditedDeltaWriter {

    /** The operation of an append's entry. */
    public static final String APPEND = "delta.append";
    /** The detail that holds the table's version when the append was refused. */
    public static final String TABLE_VERSION = "table_version";
    /** The detail that holds the refused rows' column names, comma-separated. */
    public static final String COLUMNS = "columns";
    /** The detail that holds the writer's options, {@code key=value} comma-separated. */
    public static final String OPTIONS = "options";
    /** The detail that holds Spark's error condition. */
    public static final String CONDITION = "condition";

    private final RefusalAudit audit;

    /** @param audit where refusals are recorded: the lab's ({@code context.refusals()}) */
    public AuditedDeltaWriter(RefusalAudit audit) {
        this.audit = audit;
    }

    /** Appends the rows to the Delta table at {@code path}, with no options: the table's schema is enforced. */
    public void append(Dataset<Row> rows, String path) {
        append(rows, path, Map.of());
    }

    /**
     * Appends the rows to the Delta table at {@code path} with the writer's options, such as {@code mergeSchema}.
     *
     * @throws RefusedOperationException when Delta refuses the append (its cause is Delta's exception), once the
     *     refusal is recorded
     */
    public void append(Dataset<Row> rows, String path, Map<String, String> options) {
        try {
            rows.write().format("delta").mode("append").options(options).save(path);
        } catch (Exception e) {
            if (!(e instanceof AnalysisException)) {
                throw e;
            }
            throw audit.record(refusal(rows.sparkSession(), path, rows.columns(), options, e), e);
        }
    }

    private static RefusedOperation refusal(SparkSession spark, String path, String[] columns,
                                            Map<String, String> options, Exception refused) {
        Map<String, String> details = new LinkedHashMap<>();
        if (DeltaTable.isDeltaTable(spark, path)) {
            long version = DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
            details.put(TABLE_VERSION, Long.toString(version));
        }
        details.put(COLUMNS, String.join(",", columns));
        details.put(OPTIONS, new TreeMap<>(options).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        if (refused instanceof SparkThrowable spark4 && spark4.getCondition() != null) {
            details.put(CONDITION, spark4.getCondition());
        }
        return new RefusedOperation(APPEND, path, Instant.now(), refused.getClass().getName(),
                String.valueOf(refused.getMessage()), details);
    }
}
