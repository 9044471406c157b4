package org.mllabs.runtime.search;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a search does besides proposing and evaluating trials.
 *
 * @param stopAfterTrialsWithoutImprovement stop once this many trials in a row have not lowered the best loss
 *                                          (failed trials count); 0 never stops early
 * @param logger hears of each trial, such as an {@link MlflowTrialLogger}
 * @param tpe the settings of {@link Algorithm#TPE}
 * @param deadline no batch of trials starts at or after the instant it gives, asked again before each batch (a time
 *                 budget, which may come nearer as the search runs); {@code null} for none. Trials already running
 *                 finish: an objective that must not overrun bounds its own cost
 */
public record SearchOptions(int stopAfterTrialsWithoutImprovement, TrialLogger logger, TpeSettings tpe,
                            Supplier<Instant> deadline) {

    /** Checks the values. */
    public SearchOptions {
        if (stopAfterTrialsWithoutImprovement < 0) {
            throw new IllegalArgumentException("trials without improvement must be 0 (off) or more, not "
                    + stopAfterTrialsWithoutImprovement);
        }
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(tpe, "tpe");
    }

    /** Options without a deadline. */
    public SearchOptions(int stopAfterTrialsWithoutImprovement, TrialLogger logger, TpeSettings tpe) {
        this(stopAfterTrialsWithoutImprovement, logger, tpe, null);
    }

    /** No early stopping, no logging, {@link TpeSettings#defaults()}, no deadline. */
    public static SearchOptions defaults() {
        return new SearchOptions(0, TrialLogger.NONE, TpeSettings.defaults());
    }

    /** The same options, starting no batch of trials at or after the deadline the supplier gives at that time. */
    public SearchOptions withDeadline(Supplier<Instant> latestStart) {
        return new SearchOptions(stopAfterTrialsWithoutImprovement, logger, tpe, Objects.requireNonNull(latestStart));
    }

    /** Whether the deadline, if any, has come. */
    public boolean pastDeadline() {
        return deadline != null && !Instant.now().isBefore(deadline.get());
    }

    /** The same options, stopping after this many trials in a row without improvement. */
    public SearchOptions withEarlyStopping(int trialsWithoutImprovement) {
        return new SearchOptions(trialsWithoutImprovement, logger, tpe, deadline);
    }

    /** The same options with a logger. */
    public SearchOptions withLogger(TrialLogger trialLogger) {
        return new SearchOptions(stopAfterTrialsWithoutImprovement, trialLogger, tpe, deadline);
    }

    /** The same options with other TPE settings. */
    public SearchOptions withTpe(TpeSettings settings) {
        return new SearchOptions(stopAfterTrialsWithoutImprovement, logger, settings, deadline);
    }
}
