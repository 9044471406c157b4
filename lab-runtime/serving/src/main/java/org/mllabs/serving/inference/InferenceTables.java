package org.mllabs.serving.inference;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Endpoints' inference tables: Delta tables (one folder each, named by the table's three-part name, under a root
 * folder) with Databricks' columns, written in small batches. A request is added to its table's batch as it is
 * answered; a batch is appended (one Delta commit) when it has {@code batchRows} rows, every {@code flushEvery}, and
 * on {@link #close}. A process that dies loses at most the batch it had not appended; a table stays readable, its
 * commits whole. A batch that cannot be written is kept and tried again with the next one.
 */
public final class InferenceTables implements AutoCloseable {

    /** The columns, as Databricks' inference tables have them. */
    public static final StructType SCHEMA = new StructType()
            .add("databricks_request_id", DataTypes.StringType)
            .add("client_request_id", DataTypes.StringType)
            .add("date", DataTypes.DateType)
            .add("timestamp_ms", DataTypes.LongType)
            .add("status_code", DataTypes.IntegerType)
            .add("sampling_fraction", DataTypes.DoubleType)
            .add("execution_time_ms", DataTypes.LongType)
            .add("request", DataTypes.StringType)
            .add("response", DataTypes.StringType)
            .add("request_metadata", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

    private static final Logger LOG = Logger.getLogger(InferenceTables.class.getName());

    private final SparkSession spark;
    private final Path root;
    private final int batchRows;
    private final Map<Path, List<InferenceRecord>> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher;

    /**
     * @param spark the session that writes the tables
     * @param root the folder the tables' folders are in
     * @param flushEvery how often waiting rows are appended
     * @param batchRows how many waiting rows of one table make it append at once
     */
    public InferenceTables(SparkSession spark, Path root, Duration flushEvery, int batchRows) {
        this.spark = spark;
        this.root = root.toAbsolutePath();
        this.batchRows = batchRows;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "inference-tables");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The folder the tables' folders are in. */
    public Path root() {
        return root;
    }

    /** The folder of a table, by its three-part name. */
    public Path pathOf(String tableName) {
        return root.resolve(tableName);
    }

    /** Adds a row to a table's next batch. */
    public void record(String tableName, InferenceRecord record) {
        boolean full;
        synchronized (pending) {
            List<InferenceRecord> rows = pending.computeIfAbsent(pathOf(tableName), table -> new ArrayList<>());
            rows.add(record);
            full = rows.size() >= batchRows;
        }
        if (full) {
            flusher.execute(this::flushQuietly);
        }
    }

    /** Appends every waiting row now, one commit a table. */
    public synchronized void flush() {
        Map<Path, List<InferenceRecord>> batches;
        synchronized (pending) {
            batches = new LinkedHashMap<>(pending);
            pending.clear();
        }
        RuntimeException failure = null;
        for (Map.Entry<Path, List<InferenceRecord>> batch : batches.entrySet()) {
            try {
                append(batch.getKey(), batch.getValue());
            } catch (RuntimeException e) {
                synchronized (pending) {
                    pending.computeIfAbsent(batch.getKey(), table -> new ArrayList<>()).addAll(0, batch.getValue());
                }
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An inference table batch could not be written; it is tried again", e);
        }
    }

    private void append(Path table, List<InferenceRecord> records) {
        List<Row> rows = new ArrayList<>();
        for (InferenceRecord record : records) {
            rows.add(RowFactory.create(record.databricksRequestId(), record.clientRequestId(), record.date(),
                    record.timestampMs(), record.statusCode(), record.samplingFraction(), record.executionTimeMs(),
                    record.request(), record.response(), record.requestMetadata()));
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append")
                .save(table.toString());
    }

    /** Appends what waits and stops the periodic appends. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
