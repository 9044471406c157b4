package org.mllabs.runtime.search;

/** Early stopping: counts the trials in a row that did not lower the best loss. */
final class ImprovementWatch {

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int withoutImprovement;

    /** @param patience how many trials in a row without improvement end the search; 0 never does */
    ImprovementWatch(int patience) {
        this.patience = patience;
    }

    /** Counts one trial, in trial-number order. */
    void record(Trial trial) {
        if (trial.isOk() && trial.loss() < best) {
            best = trial.loss();
            withoutImprovement = 0;
        } else {
            withoutImprovement++;
        }
    }

    /** Whether the search should stop. */
    boolean exhausted() {
        return patience > 0 && withoutImprovement >= patience;
    }
}
