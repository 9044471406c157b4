package org.mllabs.runtime.automl;

/** What AutoML does with a column of the data. */
public enum ColumnRole {
    /** The label the models predict. */
    TARGET,
    /** A numeric feature: missing cells imputed with the column's median. */
    NUMERIC,
    /** A low-cardinality text feature: indexed, one-hot encoded, a missing or unseen value its own category. */
    CATEGORICAL,
    /** Left out of the features, for the reason the profile gives. */
    DROPPED
}
