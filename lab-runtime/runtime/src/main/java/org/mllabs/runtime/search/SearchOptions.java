package org.mllabs.runtime.search;

import java.util.Objects;

/**
 * What a search does besides proposing and evaluating trials.
 *
 * @param stopAfterTrialsWithoutImprovement stop once this many trials in a row have not lowered the best loss
 *                                          (failed trials count); 0 never stops early
 * @param logger hears of each trial, such as an {@link MlflowTrialLogger}
 * @param tpe the settings of {@link Algorithm#TPE}
 */
public record SearchOptions(int stopAfterTrialsWithoutImprovement, TrialLogger logger, TpeSettings tpe) {

    /** Checks the values. */
    public SearchOptions {
        if (stopAfterTrialsWithoutImprovement < 0) {
            throw new IllegalArgumentException("trials without improvement must be 0 (off) or more, not "
                    + stopAfterTrialsWithoutImprovement);
        }
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(tpe, "tpe");
    }

    /** No early stopping, no logging, {@link TpeSettings#defaults()}. */
    public static SearchOptions defaults() {
        return new SearchOptions(0, TrialLogger.NONE, TpeSettings.defaults());
    }

    /** The same options, stopping after this many trials in a row without improvement. */
    public SearchOptions withEarlyStopping(int trialsWithoutImprovement) {
        return new SearchOptions(trialsWithoutImprovement, logger, tpe);
    }

    /** The same options with a logger. */
    public SearchOptions withLogger(TrialLogger trialLogger) {
        return new SearchOptions(stopAfterTrialsWithoutImprovement, trialLogger, tpe);
    }

    /** The same options with other TPE settings. */
    public SearchOptions withTpe(TpeSettings settings) {
        return new SearchOptions(stopAfterTrialsWithoutImprovement, logger, settings);
    }
}
