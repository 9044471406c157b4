package org.mllabs.runtime.search;

/** One labelled dimension of a {@link SearchSpace}: a number drawn from a distribution, or a choice. */
public sealed interface Parameter permits NumericParameter, ChoiceParameter {

    /** The parameter's name, unique in the whole space, nested spaces included. */
    String label();
}
