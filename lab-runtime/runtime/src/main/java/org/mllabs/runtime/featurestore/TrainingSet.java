package org.mllabs.runtime.featurestore;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A training set built by {@link FeatureStore#createTrainingSet}: the label table with the looked-up features, and
 * the lineage of those features ({@link FeatureSpec}), which {@link FeatureStore#logModel} records with the model.
 */
public final class TrainingSet {

    private final Dataset<Row> rows;
    private final FeatureSpec spec;

    TrainingSet(Dataset<Row> rows, FeatureSpec spec) {
        this.rows = rows;
        this.spec = spec;
    }

    /** The training rows: the label table's columns but the excluded ones, then the features of each lookup. */
    public Dataset<Row> loadDf() {
        return rows;
    }

    /** Where each feature came from. */
    public FeatureSpec featureSpec() {
        return spec;
    }

    /** The label column. */
    public String label() {
        return spec.label();
    }

    /** The features of every lookup, in order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        spec.lookups().forEach(lookup -> names.addAll(lookup.features()));
        return names;
    }
}
