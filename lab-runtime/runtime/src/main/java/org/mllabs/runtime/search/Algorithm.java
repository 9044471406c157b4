package org.mllabs.runtime.search;

/** How a search proposes the next trials. */
public enum Algorithm {
    /** Every value drawn from its prior, independently of past trials. */
    RANDOM,
    /** Tree-structured Parzen Estimators (Bergstra et al. 2011), tuned by {@link TpeSettings}. */
    TPE
}
