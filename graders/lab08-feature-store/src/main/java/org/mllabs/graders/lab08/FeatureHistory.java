package org.mllabs.graders.lab08;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A feature table's rows by primary key, oldest first, read from a Delta snapshot: what a point-in-time lookup of a
 * key at a time must find, and, when a lookup found something else, which row it came from.
 */
final class FeatureHistory {

    private final String timestampKey;
    private final Map<String, List<Map<String, Object>>> rowsByKey = new LinkedHashMap<>();

    /**
     * @param rows the table's rows, as {@code DeltaSnapshot.rows()} gives them (timestamps as {@link Instant})
     * @param primaryKey the one primary key
     * @param timestampKey the timestamp key
     */
    FeatureHistory(List<Map<String, Object>> rows, String primaryKey, String timestampKey) {
        this.timestampKey = timestampKey;
        for (Map<String, Object> row : rows) {
            rowsByKey.computeIfAbsent(String.valueOf(row.get(primaryKey)), key -> new ArrayList<>()).add(row);
        }
        rowsByKey.values().forEach(list -> list.sort(Comparator.comparing(this::time)));
    }

    /** The key's latest row at or before {@code time}; empty when it has none. */
    Optional<Map<String, Object>> asOf(String key, Instant time) {
        Map<String, Object> found = null;
        for (Map<String, Object> row : rowsByKey.getOrDefault(key, List.of())) {
            if (!time(row).isAfter(time)) {
                found = row;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The key's latest row, whatever its time: what a lookup without a timestamp lookup key finds. */
    Optional<Map<String, Object>> latest(String key) {
        List<Map<String, Object>> rows = rowsByKey.getOrDefault(key, List.of());
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    /** The key's earliest row after {@code time} whose feature has the value: the row a leaking lookup read. */
    Optional<Map<String, Object>> laterRowWith(String key, Instant time, String feature, Object value) {
        return rowsByKey.getOrDefault(key, List.of()).stream()
                .filter(row -> time(row).isAfter(time) && same(row.get(feature), value))
                .findFirst();
    }

    /** When the row's values became true. */
    Instant time(Map<String, Object> row) {
        return (Instant) row.get(timestampKey);
    }

    /** Whether two feature values are the same: numbers by value (within 1e-9), others by equality, null with null. */
    static boolean same(Object expected, Object found) {
        if (expected instanceof Number a && found instanceof Number b) {
            return Math.abs(a.doubleValue() - b.doubleValue()) <= 1e-9;
        }
        return Objects.equals(expected, found);
    }
}
