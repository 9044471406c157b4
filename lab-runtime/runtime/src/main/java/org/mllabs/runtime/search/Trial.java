package org.mllabs.runtime.search;

/**
 * One evaluated point of a search.
 *
 * @param number the trial's place in the search, from 0, in the order trials were proposed
 * @param params the values tried
 * @param result what the objective gave
 * @param startMillis when the evaluation started, epoch milliseconds
 * @param endMillis when it ended, epoch milliseconds
 */
public record Trial(int number, Params params, TrialResult result, long startMillis, long endMillis) {

    /** Whether the trial gave a usable loss. */
    public boolean isOk() {
        return result.isOk();
    }

    /** The loss; {@code NaN} for a failed trial. */
    public double loss() {
        return result.isOk() ? result.loss() : Double.NaN;
    }
}
