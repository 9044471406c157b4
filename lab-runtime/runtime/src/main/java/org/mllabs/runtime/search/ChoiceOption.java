package org.mllabs.runtime.search;

import java.util.Objects;

/**
 * One option of a {@link ChoiceParameter}: its value and the parameters that exist only when it is chosen.
 *
 * @param value what the choice's label takes when this option is chosen
 * @param space the nested parameters of this option, possibly {@link SearchSpace#empty() empty}
 */
public record ChoiceOption(Object value, SearchSpace space) {

    /** Checks that the option has a value and a space. */
    public ChoiceOption {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(space, "space");
    }

    /** An option with nested parameters. */
    public static ChoiceOption of(Object value, SearchSpace space) {
        return new ChoiceOption(value, space);
    }

    /** An option without nested parameters. */
    public static ChoiceOption of(Object value) {
        return new ChoiceOption(value, SearchSpace.empty());
    }
}
