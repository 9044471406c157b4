package org.mllabs.runtime.search;

/**
 * Hears of each trial as the search records it, on the thread that called {@link Search#minimize}, in trial-number
 * order. {@link MlflowTrialLogger} logs each trial as an MLflow child run.
 */
public interface TrialLogger {

    /** A logger that does nothing. */
    TrialLogger NONE = trial -> { };

    /** One trial has been evaluated. */
    void trialDone(Trial trial);

    /** The search is over; by default nothing happens. */
    default void searchDone(Trials trials) {
    }
}
