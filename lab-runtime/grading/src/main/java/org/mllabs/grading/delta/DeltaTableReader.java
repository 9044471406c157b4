package org.mllabs.grading.delta;

import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * A Delta table on the local file system, read with the Delta Kernel's default engine (Hadoop file system and Parquet
 * reader, no Spark).
 *
 * <pre>{@code
 * DeltaTableReader table = DeltaTableReader.open(path);
 * long latest = table.latestVersion();
 * List<Map<String, Object>> trainedOn = table.atVersion(2).rows();
 * List<DeltaCommit> history = table.history();
 * }</pre>
 *
 * <p>Snapshots come from the Kernel. The history ({@link #history()}) comes from the commit files themselves, read with
 * Jackson, because the Kernel does not expose the {@code commitInfo} action (operation, parameters, metrics).
 */
public final class DeltaTableReader {

    private final Path path;
    private final Engine engine;
    private final Table table;

    private DeltaTableReader(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.engine = DefaultEngine.create(new Configuration());
        this.table = Table.forPath(engine, this.path.toString());
    }

    /** The table at {@code path}; nothing is read until a method asks. */
    public static DeltaTableReader open(Path path) {
        return new DeltaTableReader(path);
    }

    /** The table's absolute path. */
    public Path path() {
        return path;
    }

    /** Whether {@code path} holds a Delta table: a {@code _delta_log} with at least one commit. */
    public boolean exists() {
        return Files.isDirectory(path.resolve("_delta_log")) && !history().isEmpty();
    }

    /** The latest version. */
    public long latestVersion() {
        return latest().version();
    }

    /** The latest snapshot. */
    public DeltaSnapshot latest() {
        return new DeltaSnapshot(engine, table.getLatestSnapshot(engine));
    }

    /**
     * The snapshot at {@code version}, as {@code versionAsOf} reads it.
     *
     * @throws io.delta.kernel.exceptions.KernelException if the table has no such version
     */
    public DeltaSnapshot atVersion(long version) {
        return new DeltaSnapshot(engine, table.getSnapshotAsOfVersion(engine, version));
    }

    /**
     * The snapshot current at {@code time}, as {@code timestampAsOf} reads it: the latest version committed at or
     * before it.
     *
     * @throws io.delta.kernel.exceptions.KernelException if {@code time} is before the first commit or after the last
     */
    public DeltaSnapshot atTimestamp(Instant time) {
        return new DeltaSnapshot(engine, table.getSnapshotAsOfTimestamp(engine, time.toEpochMilli()));
    }

    /** Whether the table has {@code version} in its log. */
    public boolean hasVersion(long version) {
        return history().stream().anyMatch(commit -> commit.version() == version);
    }

    /** The commit history, oldest first, read from the log's commit files (see the class comment). */
    public List<DeltaCommit> history() {
        return DeltaLogHistory.read(path);
    }
}
