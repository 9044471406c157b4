package org.mllabs.runtime.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static final int DRAWS = 20_000;

    @Test
    void uniformStaysInItsBoundsAndFillsThemEvenly() {
        List<Double> values = draws(SearchSpace.builder().uniform("x", -2, 6).build(), "x");

        assertThat(values).allSatisfy(x -> assertThat(x).isBetween(-2.0, 6.0));
        int[] quarters = new int[4];
        values.forEach(x -> quarters[(int) Math.min(3, (x + 2) / 2)]++);
        for (int count : quarters) {
            assertThat(count).isCloseTo(DRAWS / 4, offset(DRAWS / 40));
        }
    }

    @Test
    void logUniformGivesEachDecadeTheSameShare() {
        List<Double> values = draws(SearchSpace.builder().logUniform("lr", 1e-4, 1).build(), "lr");

        assertThat(values).allSatisfy(lr -> assertThat(lr).isBetween(1e-4, 1.0));
        int[] decades = new int[4];
        values.forEach(lr -> decades[(int) Math.min(3, Math.floor(Math.log10(lr) + 4))]++);
        for (int count : decades) {
            assertThat(count).isCloseTo(DRAWS / 4, offset(DRAWS / 40));
        }
    }

    @Test
    void quniformGivesMultiplesOfTheStepWithinTheRoundedBounds() {
        List<Double> values = draws(SearchSpace.builder().quniform("depth", 2, 10, 2).build(), "depth");

        Map<Double, Integer> counts = new HashMap<>();
        values.forEach(depth -> counts.merge(depth, 1, Integer::sum));
        assertThat(counts).containsOnlyKeys(2.0, 4.0, 6.0, 8.0, 10.0);
        // Interior steps cover a whole bin of width q, the end steps half a bin each.
        for (double inner : new double[] {4, 6, 8}) {
            assertThat(counts.get(inner)).isCloseTo(DRAWS / 4, offset(DRAWS / 40));
        }
        assertThat(counts.get(2.0)).isCloseTo(DRAWS / 8, offset(DRAWS / 40));
        assertThat(counts.get(10.0)).isCloseTo(DRAWS / 8, offset(DRAWS / 40));
    }

    @Test
    void choiceDrawsEachOptionEqually() {
        List<Object> values = new ArrayList<>();
        SearchSpace space = SearchSpace.builder().choice("kind", "a", "b", "c").build();
        Random rng = new Random(7);
        for (int i = 0; i < DRAWS; i++) {
            values.add(space.sample(rng).get("kind"));
        }

        for (String option : List.of("a", "b", "c")) {
            assertThat(values.stream().filter(option::equals).count()).isCloseTo(DRAWS / 3, offset(DRAWS / 30L));
        }
    }

    @Test
    void aNestedChoiceYieldsOnlyTheChosenBranchsParams() {
        SearchSpace space = SearchSpace.builder()
                .choice("model",
                        ChoiceOption.of("linear", SearchSpace.builder().logUniform("reg", 1e-3, 1).build()),
                        ChoiceOption.of("tree", SearchSpace.builder()
                                .quniform("depth", 1, 8, 1)
                                .choice("impurity", ChoiceOption.of("gini"),
                                        ChoiceOption.of("entropy",
                                                SearchSpace.builder().uniform("min_gain", 0, 1).build()))
                                .build()))
                .build();
        Random rng = new Random(3);
        List<Params> drawn = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            drawn.add(space.sample(rng));
        }

        assertThat(drawn).allSatisfy(params -> {
            switch (params.getString("model")) {
                case "linear" -> assertThat(params.asMap()).containsOnlyKeys("model", "reg");
                case "tree" -> assertThat(params.asMap().keySet()).isEqualTo(
                        params.getString("impurity").equals("gini")
                                ? java.util.Set.of("model", "depth", "impurity")
                                : java.util.Set.of("model", "depth", "impurity", "min_gain"));
                default -> throw new AssertionError(params);
            }
        });
        assertThat(drawn).anyMatch(params -> params.has("min_gain")).anyMatch(params -> params.has("reg"))
                .anyMatch(params -> params.getString("model").equals("tree") && !params.has("min_gain"));
    }

    @Test
    void aLabelUsedTwiceIsRefusedEvenInANestedSpace() {
        SearchSpace nested = SearchSpace.builder().uniform("x", 0, 1).build();

        assertThatThrownBy(() -> SearchSpace.builder().uniform("x", 0, 1)
                .choice("kind", ChoiceOption.of("a", nested)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }

    @Test
    void boundsThatMakeNoSenseAreRefused() {
        assertThatThrownBy(() -> SearchSpace.builder().uniform("x", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchSpace.builder().logUniform("lr", 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchSpace.builder().quniform("d", 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchSpace.builder().choice("k", "a", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Double> draws(SearchSpace space, String label) {
        Random rng = new Random(11);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < DRAWS; i++) {
            values.add(space.sample(rng).getDouble(label));
        }
        return values;
    }
}
