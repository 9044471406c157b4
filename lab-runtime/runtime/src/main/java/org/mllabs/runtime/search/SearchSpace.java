package org.mllabs.runtime.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The parameters a search explores, Hyperopt's search space: uniform, log-uniform and q-uniform numbers and choices
 * whose options may nest spaces of their own. Labels are unique across the whole space.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *         .logUniform("reg_param", 1e-4, 1.0)
 *         .quniform("max_iter", 10, 100, 10)
 *         .choice("model",
 *                 ChoiceOption.of("logistic"),
 *                 ChoiceOption.of("tree", SearchSpace.builder().quniform("max_depth", 2, 10, 1).build()))
 *         .build();
 * }</pre>
 */
public final class SearchSpace {

    private static final SearchSpace EMPTY = new SearchSpace(List.of());

    private final List<Parameter> parameters;

    private SearchSpace(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** A builder of a space. */
    public static Builder builder() {
        return new Builder();
    }

    /** The space without parameters, for options that nest none. */
    public static SearchSpace empty() {
        return EMPTY;
    }

    /** The top-level parameters, in the order they were added. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Every label of the space and its nested spaces. */
    public Set<String> labels() {
        Set<String> labels = new HashSet<>();
        collectLabels(labels);
        return labels;
    }

    /** Parameters drawn from the priors. */
    public Params sample(Random rng) {
        return draw(new RandomChooser(rng));
    }

    /** Parameters whose every value comes from a chooser, walking only the chosen options' nested spaces. */
    Params draw(ValueChooser chooser) {
        Map<String, Object> values = new LinkedHashMap<>();
        drawInto(chooser, values);
        return new Params(values);
    }

    private void drawInto(ValueChooser chooser, Map<String, Object> values) {
        for (Parameter parameter : parameters) {
            if (parameter instanceof NumericParameter numeric) {
                values.put(numeric.label(), chooser.numeric(numeric));
            } else if (parameter instanceof ChoiceParameter choice) {
                ChoiceOption option = choice.options().get(chooser.choice(choice));
                values.put(choice.label(), option.value());
                option.space().drawInto(chooser, values);
            }
        }
    }

    private void collectLabels(Set<String> labels) {
        for (Parameter parameter : parameters) {
            if (!labels.add(parameter.label())) {
                throw new IllegalArgumentException("the label " + parameter.label() + " is used twice");
            }
            if (parameter instanceof ChoiceParameter choice) {
                choice.options().forEach(option -> option.space().collectLabels(labels));
            }
        }
    }

    @Override
    public String toString() {
        return parameters.toString();
    }

    /** Adds parameters in order; {@link #build()} checks that no label is used twice. */
    public static final class Builder {

        private final List<Parameter> parameters = new ArrayList<>();

        private Builder() {
        }

        /** A number uniform between {@code low} and {@code high}. */
        public Builder uniform(String label, double low, double high) {
            return add(new NumericParameter(label, Distribution.UNIFORM, low, high, 0));
        }

        /** A positive number whose logarithm is uniform between {@code log(low)} and {@code log(high)}. */
        public Builder logUniform(String label, double low, double high) {
            return add(new NumericParameter(label, Distribution.LOG_UNIFORM, low, high, 0));
        }

        /** {@code round(uniform(low, high) / q) * q}, such as a depth or a number of iterations. */
        public Builder quniform(String label, double low, double high, double q) {
            return add(new NumericParameter(label, Distribution.Q_UNIFORM, low, high, q));
        }

        /** One of several plain values. */
        public Builder choice(String label, Object... values) {
            return add(new ChoiceParameter(label, Arrays.stream(values).map(ChoiceOption::of).toList()));
        }

        /** One of several options, each of which may nest parameters of its own. */
        public Builder choice(String label, ChoiceOption... options) {
            return add(new ChoiceParameter(label, List.of(options)));
        }

        /** Any parameter. */
        public Builder add(Parameter parameter) {
            parameters.add(parameter);
            return this;
        }

        /** The space; fails if a label is used twice, nested spaces included. */
        public SearchSpace build() {
            SearchSpace space = new SearchSpace(parameters);
            space.labels();
            return space;
        }
    }
}
