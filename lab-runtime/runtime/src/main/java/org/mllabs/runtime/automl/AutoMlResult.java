package org.mllabs.runtime.automl;

import java.time.Duration;

/**
 * What an AutoML run did.
 *
 * @param parentRunId the AutoML run; its trials are its child runs
 * @param profile the data profile and the decisions taken on each column
 * @param leaderboard the successful trials, best first
 * @param trials how many trials ran, failed ones included
 * @param wallTime from the run's start to its end
 */
public record AutoMlResult(String parentRunId, DataProfile profile, Leaderboard leaderboard, int trials,
                           Duration wallTime) {

    /** The best trial's run. */
    public String bestRunId() {
        return leaderboard.best().orElseThrow(() -> new IllegalStateException("No AutoML trial succeeded")).runId();
    }

    /** The best trial's model, {@code runs:/<run>/model}. */
    public String bestModelUri() {
        return "runs:/" + bestRunId() + "/" + AutoMl.MODEL_PATH;
    }
}
