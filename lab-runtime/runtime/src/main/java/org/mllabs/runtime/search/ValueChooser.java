package org.mllabs.runtime.search;

/** What a search algorithm decides while a {@link SearchSpace} is walked: each number and each option. */
interface ValueChooser {

    /** The value of a number. */
    double numeric(NumericParameter parameter);

    /** The index of the chosen option. */
    int choice(ChoiceParameter parameter);
}
