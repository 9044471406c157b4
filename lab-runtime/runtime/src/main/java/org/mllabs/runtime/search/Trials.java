package org.mllabs.runtime.search;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a search: its trials in trial-number order and whether early stopping ended it.
 *
 * @param trials every trial, failed ones included, ordered by number
 * @param stoppedEarly whether the search stopped before its budget because the loss stopped improving
 */
public record Trials(List<Trial> trials, boolean stoppedEarly) {

    /** Copies the trials. */
    public Trials {
        trials = List.copyOf(trials);
    }

    /** The OK trial with the lowest loss (the earliest among equals), if any trial was OK. */
    public Optional<Trial> best() {
        return trials.stream().filter(Trial::isOk)
                .min(Comparator.comparingDouble(Trial::loss).thenComparingInt(Trial::number));
    }

    /** The trials that failed. */
    public List<Trial> failures() {
        return trials.stream().filter(trial -> !trial.isOk()).toList();
    }

    /** How many trials ran. */
    public int size() {
        return trials.size();
    }
}
