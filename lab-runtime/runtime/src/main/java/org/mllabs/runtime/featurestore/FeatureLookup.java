package org.mllabs.runtime.featurestore;

import java.util.List;

/**
 * Which features of a feature table to join to a label table, and how: the label table's columns that match the
 * table's primary keys, in order, and the label table's timestamp column for a point-in-time lookup.
 *
 * <pre>{@code
 * FeatureLookup.of("customer_features", List.of("customer_id"), List.of("tenure_months", "support_calls"))
 *         .withTimestampLookupKey("label_time");
 * }</pre>
 *
 * @param tableName the feature table
 * @param lookupKeys the label table's columns matched to the table's primary keys, in their order
 * @param featureNames the features to join
 * @param timestampLookupKey the label table's column compared with the table's timestamp key, or null to join each
 *                           key's latest row
 */
public record FeatureLookup(String tableName, List<String> lookupKeys, List<String> featureNames,
                            String timestampLookupKey) {

    public FeatureLookup {
        lookupKeys = List.copyOf(lookupKeys);
        featureNames = List.copyOf(featureNames);
        if (lookupKeys.isEmpty()) {
            throw new IllegalArgumentException("A lookup of " + tableName + " needs at least one lookup key");
        }
    }

    /** A lookup of each key's latest row; {@link #withTimestampLookupKey} makes it point-in-time. */
    public static FeatureLookup of(String tableName, List<String> lookupKeys, List<String> featureNames) {
        return new FeatureLookup(tableName, lookupKeys, featureNames, null);
    }

    /**
     * The same lookup, point-in-time: for each label row, the features of the latest table row whose timestamp is at
     * or before the label row's {@code column}.
     */
    public FeatureLookup withTimestampLookupKey(String column) {
        return new FeatureLookup(tableName, lookupKeys, featureNames, column);
    }
}
