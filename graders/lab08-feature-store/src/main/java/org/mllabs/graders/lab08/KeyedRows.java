package org.mllabs.graders.lab08;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mllabs.grading.Problems;

/**
 * A feature table's rows by row key (customer and snapshot time), with their features: what a version of the table
 * holds, or what it should hold, compared row by row; a row key held twice is counted, not hidden by the map.
 */
final class KeyedRows {

    /** How many examples a problem line shows. */
    private static final int EXAMPLES = 3;

    private final Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    private final List<String> repeated = new ArrayList<>();

    private KeyedRows() {
    }

    /** The rows as {@code DeltaSnapshot.rows()} gives them. */
    static KeyedRows of(List<Map<String, Object>> rows) {
        KeyedRows keyed = new KeyedRows();
        rows.forEach(keyed::put);
        return keyed;
    }

    /** These rows with {@code update}'s rows added, a row with the same key replaced: what a merge leaves. */
    KeyedRows mergedWith(KeyedRows update) {
        KeyedRows merged = new KeyedRows();
        merged.rows.putAll(rows);
        merged.rows.putAll(update.rows);
        return merged;
    }

    /** How many distinct row keys. */
    int size() {
        return rows.size();
    }

    /** The row keys held more than once. */
    List<String> repeated() {
        return repeated;
    }

    /**
     * Adds a problem for each way {@code found} differs from these rows: row keys held twice, rows missing, rows
     * not expected, rows whose features differ.
     *
     * @param what what {@code found} is, in a sentence: {@code version 3 of customer_features}
     */
    void compare(KeyedRows found, String what, Problems problems) {
        if (!found.repeated.isEmpty()) {
            problems.add("expected each customer_id and snapshot_time once in " + what + ", found "
                    + found.repeated.size() + " held twice or more, such as " + examples(found.repeated));
        }
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        rows.forEach((key, row) -> {
            Map<String, Object> other = found.rows.get(key);
            if (other == null) {
                missing.add(key);
                return;
            }
            for (String feature : FeatureStoreGrader.FEATURES) {
                if (!FeatureHistory.same(row.get(feature), other.get(feature))) {
                    differing.add(key + " " + feature + " " + other.get(feature) + ", expected " + row.get(feature));
                    return;
                }
            }
        });
        List<String> extra = found.rows.keySet().stream().filter(key -> !rows.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            problems.add("expected " + rows.size() + " rows in " + what + ", found " + missing.size()
                    + " of them missing, such as " + examples(missing));
        }
        if (!extra.isEmpty()) {
            problems.add("found " + extra.size() + " rows in " + what + " that are not expected, such as "
                    + examples(extra));
        }
        if (!differing.isEmpty()) {
            problems.add("found " + differing.size() + " rows of " + what + " with other features than expected, "
                    + "such as " + examples(differing));
        }
    }

    private void put(Map<String, Object> row) {
        String key = row.get(FeatureStoreGrader.PRIMARY_KEY) + "@" + row.get(FeatureStoreGrader.TIMESTAMP_KEY);
        if (rows.putIfAbsent(key, row) != null) {
            repeated.add(key);
        }
    }

    private static String examples(List<String> items) {
        return String.join("; ", items.subList(0, Math.min(EXAMPLES, items.size())));
    }
}
