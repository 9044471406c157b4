package org.mllabs.runtime.featurestore;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A feature table: a Delta table whose rows are identified by primary keys and, for a time series of feature values,
 * a timestamp key. The keys and the description are stored as the Delta table's properties
 * ({@value #PRIMARY_KEYS_PROPERTY}, {@value #TIMESTAMP_KEY_PROPERTY}, {@value #DESCRIPTION_PROPERTY}), so that any
 * Delta reader, Delta Kernel included, can tell a feature table and its keys without this service.
 *
 * @param name the table's name in the store, such as {@code customer_features}
 * @param path the Delta table's directory
 * @param primaryKeys the columns that identify an entity, such as {@code customer_id}
 * @param timestampKey the column that says when a row's values became true, or null for a table without history
 * @param description what the table holds
 * @param features the columns that are neither primary keys nor the timestamp key
 */
public record FeatureTable(String name, Path path, List<String> primaryKeys, String timestampKey, String description,
                           List<String> features) {

    /** The table property with the primary keys, comma-separated in order. */
    public static final String PRIMARY_KEYS_PROPERTY = "mllabs.feature.primary_keys";
    /** The table property with the timestamp key; absent when the table has none. */
    public static final String TIMESTAMP_KEY_PROPERTY = "mllabs.feature.timestamp_key";
    /** The table property with the description. */
    public static final String DESCRIPTION_PROPERTY = "mllabs.feature.description";

    public FeatureTable {
        primaryKeys = List.copyOf(primaryKeys);
        features = List.copyOf(features);
    }

    /** The timestamp key, empty for a table without history. */
    public Optional<String> timestamp() {
        return Optional.ofNullable(timestampKey);
    }

    /** The primary keys followed by the timestamp key, if any: what identifies one row. */
    public List<String> rowKeys() {
        return timestampKey == null ? primaryKeys
                : Stream.concat(primaryKeys.stream(), Stream.of(timestampKey)).toList();
    }

    /** The table properties that describe the keys and the description. */
    public static Map<String, String> properties(List<String> primaryKeys, String timestampKey, String description) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PRIMARY_KEYS_PROPERTY, String.join(",", primaryKeys));
        if (timestampKey != null) {
            properties.put(TIMESTAMP_KEY_PROPERTY, timestampKey);
        }
        properties.put(DESCRIPTION_PROPERTY, description == null ? "" : description);
        return properties;
    }

    /** The primary keys a {@value #PRIMARY_KEYS_PROPERTY} value lists; empty when it is absent or blank. */
    public static List<String> primaryKeysOf(String property) {
        if (property == null || property.isBlank()) {
            return List.of();
        }
        return Arrays.stream(property.split(",")).map(String::trim).toList();
    }
}
