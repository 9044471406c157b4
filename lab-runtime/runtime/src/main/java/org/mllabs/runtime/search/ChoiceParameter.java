package org.mllabs.runtime.search;

import java.util.HashSet;
import java.util.List;

/**
 * One of several options, each equally likely a priori; an option may carry a nested {@link SearchSpace} whose
 * parameters exist only in the trials that choose it.
 *
 * @param label the parameter's name
 * @param options the options, at least one, with distinct values
 */
public record ChoiceParameter(String label, List<ChoiceOption> options) implements Parameter {

    /** Checks that there is at least one option and that their values are distinct. */
    public ChoiceParameter {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException(label + ": a choice needs at least one option");
        }
        if (new HashSet<>(options.stream().map(ChoiceOption::value).toList()).size() != options.size()) {
            throw new IllegalArgumentException(label + ": the options' values must be distinct");
        }
    }

    /** The index of the option with this value, or -1. */
    int indexOf(Object value) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).value().equals(value)) {
                return i;
            }
        }
        return -1;
    }
}
