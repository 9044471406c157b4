package org.mllabs.grading.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mllabs.grading.Problems;

/**
 * The rows a learner's run says it trained on: the keys of its training split, logged as a text artifact with one key
 * a line. A grader does not take the record on trust: {@link #check} holds it against the dataset (every key exists,
 * none twice, about the fraction the lab asks for), and the statistics of the rows it names ({@link #rowsOf}) are what
 * the learner's fitted model must show, which a model fitted on other rows does not.
 */
public final class RecordedSplit {

    /** How many offending keys a problem line shows. */
    private static final int EXAMPLES = 3;

    private final List<String> keys;

    private RecordedSplit(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Reads the artifact: one key a line, UTF-8; blank lines and the spaces around a key are ignored. */
    public static RecordedSplit parse(byte[] artifact) {
        return new RecordedSplit(new String(artifact, StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(line -> !line.isEmpty()).toList());
    }

    /** A split recorded as a list of keys, such as the lines of a CSV artifact without its header. */
    public static RecordedSplit of(List<String> keys) {
        return new RecordedSplit(keys.stream().map(String::strip).filter(key -> !key.isEmpty()).toList());
    }

    /** The keys, in the artifact's order, repeats included. */
    public List<String> keys() {
        return keys;
    }

    /**
     * Adds a problem for each way the record is not a proper split of the dataset: a key the dataset does not have,
     * a key listed twice, or a share of the dataset's rows more than {@code tolerance} away from {@code fraction}.
     *
     * @param datasetKeys the keys of every row of the dataset
     * @param fraction the share of the rows the split should hold, such as 0.8
     * @param tolerance how far the share may be from it, such as 0.03
     * @param problems where to add the problems
     */
    public void check(Collection<String> datasetKeys, double fraction, double tolerance, Problems problems) {
        Set<String> known = new HashSet<>(datasetKeys);
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String key : keys) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
            if (!seen.add(key)) {
                repeated.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("expected keys of the dataset's rows, found " + unknown.size()
                    + " keys the dataset does not have, such as " + examples(unknown));
        }
        if (!repeated.isEmpty()) {
            problems.add("expected each key once, found " + repeated.size() + " keys listed more than once, such as "
                    + examples(repeated));
        }
        double share = known.isEmpty() ? 0 : (double) seen.size() / known.size();
        if (Math.abs(share - fraction) > tolerance) {
            problems.add(String.format(Locale.ROOT, "expected the keys of %.0f%% of the dataset's %d rows (within "
                    + "%.0f points), found %d distinct keys: %.1f%%", 100 * fraction, known.size(), 100 * tolerance,
                    seen.size(), 100 * share));
        }
    }

    /** The rows of {@code data} whose {@code keyColumn} is one of the recorded keys. */
    public Dataset<Row> rowsOf(Dataset<Row> data, String keyColumn) {
        return join(data, keyColumn, "left_semi");
    }

    /** The rows of {@code data} whose {@code keyColumn} is none of the recorded keys: the split's other side. */
    public Dataset<Row> otherRowsOf(Dataset<Row> data, String keyColumn) {
        return join(data, keyColumn, "left_anti");
    }

    private Dataset<Row> join(Dataset<Row> data, String keyColumn, String joinType) {
        Dataset<Row> recorded = data.sparkSession()
                .createDataset(List.copyOf(new LinkedHashSet<>(keys)), Encoders.STRING()).toDF(keyColumn);
        return data.join(recorded, data.col(keyColumn).equalTo(recorded.col(keyColumn)), joinType);
    }

    private static String examples(Set<String> keys) {
        return String.join(", ", keys.stream().limit(EXAMPLES).toList());
    }
}
