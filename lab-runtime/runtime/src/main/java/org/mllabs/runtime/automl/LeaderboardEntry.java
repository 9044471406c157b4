package org.mllabs.runtime.automl;

import java.util.Map;

/**
 * One successful trial of an AutoML run.
 *
 * @param trial the trial's number
 * @param estimator the estimator family, such as {@code random_forest}
 * @param params the trial's values, the family included
 * @param metric the run's metric on the validation part
 * @param durationMillis how long fitting and scoring took
 * @param runId the trial's child run
 */
public record LeaderboardEntry(int trial, String estimator, Map<String, String> params, double metric,
                               long durationMillis, String runId) {

    /** Copies the params. */
    public LeaderboardEntry {
        params = Map.copyOf(params);
    }

    /** Where the trial's run holds its generated source, such as {@code trial/Trial_3.java}. */
    public String sourcePath() {
        return TrialSource.artifactPath(trial);
    }
}
