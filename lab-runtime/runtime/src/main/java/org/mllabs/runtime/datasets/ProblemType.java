package org.mllabs.runtime.datasets;

import java.util.Locale;

/** What a dataset's label asks a model to do. */
public enum ProblemType {
    /** A label of 0 or 1. */
    BINARY_CLASSIFICATION,
    /** A label that is one of a few classes. */
    MULTICLASS_CLASSIFICATION,
    /** A real-valued label. */
    REGRESSION;

    /** The lower-case name used in {@code dataset.yaml}, such as {@code binary_classification}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
