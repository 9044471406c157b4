package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mllabs.grading.Problems;

class KeyedSplitTest {

    /** 300 rows of class 1 and 700 of class 0, keys k0 to k999, class 1 first. */
    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            labels.put("k" + i, i < 300 ? "1" : "0");
        }
        return labels;
    }

    /** The first {@code ones} keys of class 1 and the first {@code zeros} of class 0. */
    private static List<String> take(int ones, int zeros) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ones; i++) {
            keys.add("k" + i);
        }
        for (int i = 0; i < zeros; i++) {
            keys.add("k" + (300 + i));
        }
        return keys;
    }

    @Test
    void eachClassIsCountedOnBothSidesFromTheDatasetsLabels() {
        KeyedSplit split = KeyedSplit.of(labels(), take(60, 140));

        assertThat(split.classes()).containsExactly("0", "1");
        assertThat(split.testRows("1")).isEqualTo(60);
        assertThat(split.trainRows("1")).isEqualTo(240);
        assertThat(split.testTotal()).isEqualTo(200);
        assertThat(split.trainTotal()).isEqualTo(800);
        assertThat(split.testShare("1")).isEqualTo(0.3);
        assertThat(split.trainShare("0")).isEqualTo(0.7);
    }

    @Test
    void anExactlyStratifiedSplitHasNoProblem() {
        Problems problems = new Problems();

        KeyedSplit.of(labels(), take(60, 141)).expectStratified(0.2, problems);

        assertThat(problems.isEmpty()).as(problems.lines().toString()).isTrue();
    }

    @Test
    void aRandomSplitMissesAClassByMoreThanARow() {
        Random random = new Random(3);
        List<String> keys = labels().keySet().stream().filter(key -> random.nextDouble() < 0.2).toList();
        Problems problems = new Problems();

        KeyedSplit split = KeyedSplit.of(labels(), keys);
        split.expectStratified(0.2, problems);

        assertThat(Math.abs(split.testRows("1") - 60)).isGreaterThan(1);
        assertThat(problems.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("class 1: expected 20% of its 300 rows in the test set, 60.0 ± 1, found "
                        + split.testRows("1")));
    }

    @Test
    void keysTheDatasetLacksOrThatRepeatAreProblemsAndNotRows() {
        List<String> keys = new ArrayList<>(take(60, 140));
        keys.add("k0");
        keys.add("x1");
        Problems problems = new Problems();

        KeyedSplit split = KeyedSplit.of(labels(), keys);
        split.expectStratified(0.2, problems);

        assertThat(split.testTotal()).isEqualTo(200);
        assertThat(split.unknownKeys()).containsExactly("x1");
        assertThat(split.repeatedKeys()).containsExactly("k0");
        assertThat(problems.lines()).containsExactly(
                "1 test keys are not rows of the dataset, such as x1",
                "1 test keys are listed more than once, such as k0");
    }

    @Test
    void withBothSidesRecordedTheTrainingSideIsCountedFromItsOwnKeys() {
        List<String> train = new ArrayList<>(labels().keySet());
        train.removeAll(take(60, 140));
        Problems problems = new Problems();

        KeyedSplit split = KeyedSplit.of(labels(), train, take(60, 140));
        split.expectStratified(0.2, problems);

        assertThat(split.trainRows("1")).isEqualTo(240);
        assertThat(split.trainTotal()).isEqualTo(800);
        assertThat(split.overlappingKeys()).isEmpty();
        assertThat(problems.isEmpty()).as(problems.lines().toString()).isTrue();
    }

    @Test
    void sidesThatOverlapOrLeaveRowsOutAreProblems() {
        List<String> train = new ArrayList<>(labels().keySet());
        train.removeAll(take(60, 140));
        train.addAll(take(2, 0));
        train.remove("k999");
        Problems problems = new Problems();

        KeyedSplit split = KeyedSplit.of(labels(), train, take(60, 140));
        split.expectStratified(0.2, problems);

        assertThat(split.overlappingKeys()).containsExactly("k0", "k1");
        assertThat(split.trainRows("1")).isEqualTo(242);
        assertThat(split.rowsOnNeitherSide()).isEqualTo(1);
        assertThat(problems.lines()).containsExactly(
                "expected each row on one side, found 2 rows on both the training and the test side, such as k0, k1",
                "expected every row on a side, found 1 rows on neither");
    }
}
