package org.mllabs.serving.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mllabs.runtime.featurestore.OnlineStore;
import org.mllabs.runtime.featurestore.OnlineTable;

/**
 * One feature table's online copy, held in memory by key for the lookups of a served model, and read again when the
 * table is published again (the copy's file changes), so that an endpoint serves the features last published without
 * being updated itself.
 */
public final class OnlineFeatures {

    private final String tableName;
    private final OnlineStore store;
    private Snapshot current;

    private OnlineFeatures(String tableName, OnlineStore store, Snapshot current) {
        this.tableName = tableName;
        this.store = store;
        this.current = current;
    }

    /**
     * The online copy of the feature table at the Delta directory {@code tablePath}.
     *
     * @throws IllegalStateException when the table was never published, saying how to publish it
     */
    public static OnlineFeatures open(String tableName, Path tablePath) {
        OnlineStore store = OnlineStore.beside(tablePath);
        return new OnlineFeatures(tableName, store, Snapshot.read(tableName, store.fileOf(tableName), store));
    }

    /** The copy's columns: the primary keys, then the features, with their types. */
    public synchronized OnlineTable table() {
        return fresh().table();
    }

    /**
     * The features of the row with these primary keys (each made a value of its key column's type first), by name;
     * empty when the copy has no such row.
     */
    public Optional<Map<String, Object>> lookup(List<Object> keys) {
        Snapshot snapshot;
        synchronized (this) {
            snapshot = fresh();
        }
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            key.add(snapshot.table().columns().get(i).valueOf(keys.get(i)));
        }
        return Optional.ofNullable(snapshot.rows().get(key));
    }

    private Snapshot fresh() {
        Path file = store.fileOf(tableName);
        if (!current.stamp().equals(Stamp.of(file))) {
            current = Snapshot.read(tableName, file, store);
        }
        return current;
    }

    /** A read of the copy: its rows by key, and the file's stamp when it was read. */
    private record Snapshot(OnlineTable table, Map<List<Object>, Map<String, Object>> rows, Stamp stamp) {

        static Snapshot read(String tableName, Path file, OnlineStore store) {
            Stamp stamp = Stamp.of(file);
            OnlineTable table = store.read(tableName).orElseThrow(() -> new IllegalStateException("the feature table "
                    + tableName + " has not been published to an online store: publish it with "
                    + "FeatureStore.publishTable(\"" + tableName + "\"), then update the endpoint's config"));
            int keys = table.primaryKeys().size();
            Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
            for (List<Object> row : table.rows()) {
                Map<String, Object> features = new HashMap<>();
                for (int i = keys; i < row.size(); i++) {
                    features.put(table.columns().get(i).name(), row.get(i));
                }
                rows.put(row.subList(0, keys), features);
            }
            return new Snapshot(table, rows, stamp);
        }
    }

    /**
     * What tells one version of the copy's file from the next: its file key (a publish replaces the file with a new
     * one), modification time and size.
     */
    private record Stamp(Object fileKey, long modified, long size) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (NoSuchFileException e) {
                return new Stamp(null, -1, -1);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }
}
