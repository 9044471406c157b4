package org.mllabs.runtime.featurestore;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mllabs.runtime.LocalFiles;

/**
 * The online store of a feature store's tables: the copies {@link FeatureTables#publishTable} publishes, one JSON
 * file a table in the folder {@value #FOLDER} beside the tables, which the serving process reads into memory to look
 * features up by key. It stands in for Databricks' online stores (a database answering key lookups); what it keeps
 * (each key's latest row) and when it changes (when a table is published again) follow them.
 */
public final class OnlineStore {

    /** The folder, among the feature store's tables, that holds the online copies; no table may have its name. */
    public static final String FOLDER = "_online_store";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private OnlineStore(Path root) {
        this.root = root;
    }

    /** The online store of the feature store whose table is at the Delta directory {@code tablePath}. */
    public static OnlineStore beside(Path tablePath) {
        return new OnlineStore(tablePath.toAbsolutePath().getParent().resolve(FOLDER));
    }

    /** The file that holds the table's online copy. */
    public Path fileOf(String tableName) {
        return root.resolve(tableName + ".json");
    }

    /** Writes a table's online copy, replacing the one before it whole. */
    public void write(OnlineTable table) {
        Path file = fileOf(table.tableName());
        try {
            LocalFiles.replace(file, JSON.writeValueAsBytes(table));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish " + table.tableName() + " to " + file, e);
        }
    }

    /** The table's online copy, or empty when the table was never published. */
    public Optional<OnlineTable> read(String tableName) {
        Path file = fileOf(tableName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), OnlineTable.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the online copy of " + tableName + " in " + file, e);
        }
    }
}
