package org.mllabs.runtime.featurestore;

/** How {@link FeatureStore#writeTable} writes a DataFrame into a feature table. */
public enum WriteMode {
    /**
     * A Delta MERGE on the primary keys (and the timestamp key): rows whose keys exist are updated, the others
     * inserted; no row is lost.
     */
    MERGE,
    /** Replaces every row of the table; its keys and description stay. */
    OVERWRITE
}
