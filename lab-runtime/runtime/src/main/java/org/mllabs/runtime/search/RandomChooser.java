package org.mllabs.runtime.search;

import java.util.Random;

/** Draws every value from its prior: random search. */
final class RandomChooser implements ValueChooser {

    private final Random rng;

    RandomChooser(Random rng) {
        this.rng = rng;
    }

    @Override
    public double numeric(NumericParameter parameter) {
        return parameter.sample(rng);
    }

    @Override
    public int choice(ChoiceParameter parameter) {
        return rng.nextInt(parameter.options().size());
    }
}
