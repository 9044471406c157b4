package org.mllabs.lab04;

import java.util.Map;

/**
 * One candidate of a tuning as step 4 logged it.
 *
 * @param runId its child run
 * @param params its grid point: each param's name and value, such as {@code regParam = 0.01}
 * @param metric what the tuner measured for it: the mean over the folds, or the validation split's value
 */
record Candidate(String runId, Map<String, String> params, double metric) {

    Candidate {
        params = Map.copyOf(params);
    }
}
