package org.mllabs.runtime.search;

/**
 * The function a search minimizes. With a parallelism above one it is called from several threads at once, so it
 * must not share mutable state between calls; one Spark session may serve all of them, since Spark runs jobs
 * submitted from different threads side by side.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates one trial's parameters. An exception fails the trial, not the search.
     *
     * @param params the trial's values
     * @return the loss, or a failure
     * @throws Exception anything the evaluation throws; the trial is recorded as {@link TrialStatus#FAIL}
     */
    TrialResult evaluate(Params params) throws Exception;
}
