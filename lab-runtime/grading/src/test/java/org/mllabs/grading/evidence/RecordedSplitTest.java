package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.grading.Problems;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class RecordedSplitTest {

    /** Keys k00 to k99, as a dataset of 100 rows would have them. */
    private static final List<String> DATASET = IntStream.range(0, 100)
            .mapToObj(i -> String.format(Locale.ROOT, "k%02d", i)).toList();

    private static RecordedSplit recorded(List<String> keys) {
        return RecordedSplit.parse(String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(RecordedSplit split) {
        Problems problems = new Problems();
        split.check(DATASET, 0.8, 0.03, problems);
        return problems.lines();
    }

    @Test
    void readsOneKeyALineIgnoringBlankLinesAndSpaces() {
        RecordedSplit split = RecordedSplit.parse(" k01\r\nk02 \n\n k03\n".getBytes(StandardCharsets.UTF_8));

        assertThat(split.keys()).containsExactly("k01", "k02", "k03");
    }

    @Test
    void eightyOfAHundredDistinctKeysOfTheDatasetAreAProperSplit() {
        assertThat(problems(recorded(DATASET.subList(10, 90)))).isEmpty();
        assertThat(problems(recorded(DATASET.subList(0, 78)))).as("within 3 points of 80%").isEmpty();
    }

    @Test
    void everyKeyOfTheDatasetIsNotASplit() {
        assertThat(problems(recorded(DATASET))).singleElement().asString()
                .contains("expected the keys of 80% of the dataset's 100 rows", "found 100 distinct keys: 100.0%");
    }

    @Test
    void theTestSideIsNotTheTrainingSplit() {
        assertThat(problems(recorded(DATASET.subList(80, 100)))).singleElement().asString()
                .contains("found 20 distinct keys: 20.0%");
    }

    @Test
    void keysTheDatasetDoesNotHaveAreNamed() {
        List<String> keys = new ArrayList<>(DATASET.subList(0, 78));
        keys.addAll(List.of("x1", "x2"));

        assertThat(problems(recorded(keys))).singleElement().asString()
                .contains("found 2 keys the dataset does not have, such as x1, x2");
    }

    @Test
    void keysListedTwiceAreNamedAndCountedOnce() {
        List<String> keys = new ArrayList<>(DATASET.subList(0, 80));
        keys.addAll(DATASET.subList(0, 10));

        assertThat(problems(recorded(keys))).singleElement().asString()
                .contains("found 10 keys listed more than once, such as k00, k01, k02");
    }

    @Test
    void selectsTheRowsOfTheRecordedKeysOnce(SparkSession spark) {
        Dataset<Row> data = spark.createDataset(DATASET, Encoders.STRING()).toDF("id");
        RecordedSplit split = recorded(List.of("k03", "k01", "k03", "nope"));

        List<String> rows = split.rowsOf(data, "id").as(Encoders.STRING()).collectAsList();

        assertThat(rows).containsExactlyInAnyOrder("k01", "k03");
    }

    @Test
    void selectsTheRowsOfTheOtherSideOfTheSplit(SparkSession spark) {
        Dataset<Row> data = spark.createDataset(DATASET, Encoders.STRING()).toDF("id");
        RecordedSplit split = recorded(DATASET.subList(2, DATASET.size()));

        List<String> rows = split.otherRowsOf(data, "id").as(Encoders.STRING()).collectAsList();

        assertThat(rows).containsExactlyInAnyOrder(DATASET.get(0), DATASET.get(1));
    }
}
