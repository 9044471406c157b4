package org.mllabs.grading.evidence;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mllabs.grading.Problems;

/**
 * A split of a dataset into a test side, named by the keys of its rows (as a learner's run logs them), and a training
 * side, every other row; each class counted on both sides from the dataset's own labels, never from what a learner
 * reports about the split.
 *
 * <pre>{@code
 * KeyedSplit split = KeyedSplit.of(DatasetValues.byKey(LabDataset.CUSTOMER_CHURN, "churned"), testKeys);
 * split.expectStratified(0.2, problems);   // every class has 20% of its rows in the test set, to a row
 * }</pre>
 */
public final class KeyedSplit {

    private static final int EXAMPLES = 3;

    private final SortedMap<String, Integer> classRows = new TreeMap<>();
    private final SortedMap<String, Integer> testRows = new TreeMap<>();
    private final SortedSet<String> unknownKeys = new TreeSet<>();
    private final SortedSet<String> repeatedKeys = new TreeSet<>();
    private final SortedSet<String> overlappingKeys = new TreeSet<>();
    private SortedMap<String, Integer> recordedTrainRows;
    private int testTotal;
    private int recordedTrainTotal;
    private int rowsOnNeitherSide;

    private KeyedSplit() {
    }

    /**
     * Counts the classes of a split.
     *
     * @param labelByKey the class of every row of the dataset, by the row's key
     * @param testKeys the keys of the test rows; a key the dataset lacks, or one listed twice, is counted once
     *     as a problem and not as a row
     */
    public static KeyedSplit of(Map<String, String> labelByKey, Collection<String> testKeys) {
        KeyedSplit split = new KeyedSplit();
        labelByKey.values().forEach(label -> split.classRows.merge(label, 1, Integer::sum));
        split.classRows.keySet().forEach(label -> split.testRows.put(label, 0));
        Set<String> seen = split.count(labelByKey, testKeys, split.testRows);
        split.testTotal = seen.size();
        return split;
    }

    /**
     * Counts the classes of a split whose two sides are both recorded, so that a row on both sides, or on neither,
     * is seen rather than taken as the training side's.
     *
     * @param labelByKey the class of every row of the dataset, by the row's key
     * @param trainKeys the keys of the training rows
     * @param testKeys the keys of the test rows
     */
    public static KeyedSplit of(Map<String, String> labelByKey, Collection<String> trainKeys,
                                Collection<String> testKeys) {
        KeyedSplit split = of(labelByKey, testKeys);
        split.recordedTrainRows = new TreeMap<>();
        split.classRows.keySet().forEach(label -> split.recordedTrainRows.put(label, 0));
        Set<String> train = split.count(labelByKey, trainKeys, split.recordedTrainRows);
        split.recordedTrainTotal = train.size();
        Set<String> test = new HashSet<>(testKeys);
        train.stream().filter(test::contains).forEach(split.overlappingKeys::add);
        split.rowsOnNeitherSide = (int) labelByKey.keySet().stream()
                .filter(key -> !train.contains(key) && !test.contains(key)).count();
        return split;
    }

    /** Counts each key's class into {@code rows}; the keys of the dataset seen, each once. */
    private Set<String> count(Map<String, String> labelByKey, Collection<String> keys, Map<String, Integer> rows) {
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            String label = labelByKey.get(key);
            if (label == null) {
                unknownKeys.add(key);
            } else if (!seen.add(key)) {
                repeatedKeys.add(key);
            } else {
                rows.merge(label, 1, Integer::sum);
            }
        }
        return seen;
    }

    /** The classes of the dataset, in order. */
    public SortedSet<String> classes() {
        return new TreeSet<>(classRows.keySet());
    }

    /** The rows of the class in the dataset. */
    public int rows(String label) {
        return classRows.getOrDefault(label, 0);
    }

    /** The rows of the class on the test side. */
    public int testRows(String label) {
        return testRows.getOrDefault(label, 0);
    }

    /**
     * The rows of the class on the training side: counted from its keys when they are recorded, else the class's rows
     * that are not on the test side.
     */
    public int trainRows(String label) {
        return recordedTrainRows != null ? recordedTrainRows.getOrDefault(label, 0) : rows(label) - testRows(label);
    }

    /** The rows on the test side. */
    public int testTotal() {
        return testTotal;
    }

    /** The rows on the training side. */
    public int trainTotal() {
        return recordedTrainRows != null ? recordedTrainTotal
                : classRows.values().stream().mapToInt(Integer::intValue).sum() - testTotal;
    }

    /** Keys on both sides; none when only the test side is recorded. */
    public SortedSet<String> overlappingKeys() {
        return new TreeSet<>(overlappingKeys);
    }

    /** How many rows of the dataset are on neither side; none when only the test side is recorded. */
    public int rowsOnNeitherSide() {
        return rowsOnNeitherSide;
    }

    /** The class's share of the test side; 0 when the side is empty. */
    public double testShare(String label) {
        return testTotal == 0 ? 0 : (double) testRows(label) / testTotal;
    }

    /** The class's share of the training side; 0 when the side is empty. */
    public double trainShare(String label) {
        return trainTotal() == 0 ? 0 : (double) trainRows(label) / trainTotal();
    }

    /** Keys of the test side that are no row of the dataset. */
    public SortedSet<String> unknownKeys() {
        return new TreeSet<>(unknownKeys);
    }

    /** Keys listed more than once on the test side. */
    public SortedSet<String> repeatedKeys() {
        return new TreeSet<>(repeatedKeys);
    }

    /**
     * Adds a problem for test keys the dataset lacks or that are listed twice, and for each class whose test rows are
     * more than one row away from {@code testFraction} of the class's rows: an exactly stratified split rounds each
     * class's share to a whole row, a random one misses it by the sampling error, which is many rows.
     */
    public void expectStratified(double testFraction, Problems problems) {
        if (!unknownKeys.isEmpty()) {
            problems.add(unknownKeys.size() + " " + keysNamed() + " are not rows of the dataset, such as "
                    + examples(unknownKeys));
        }
        if (!repeatedKeys.isEmpty()) {
            problems.add(repeatedKeys.size() + " " + keysNamed() + " are listed more than once, such as "
                    + examples(repeatedKeys));
        }
        if (!overlappingKeys.isEmpty()) {
            problems.add(String.format(Locale.ROOT, "expected each row on one side, found %d rows on both the "
                    + "training and the test side, such as %s", overlappingKeys.size(), examples(overlappingKeys)));
        }
        if (rowsOnNeitherSide > 0) {
            problems.add("expected every row on a side, found " + rowsOnNeitherSide + " rows on neither");
        }
        for (String label : classRows.keySet()) {
            double expected = rows(label) * testFraction;
            if (Math.abs(testRows(label) - expected) > 1) {
                problems.add(String.format(Locale.ROOT, "class %s: expected %.0f%% of its %d rows in the test set, "
                        + "%.1f ± 1, found %d (%.1f%%)", label, testFraction * 100, rows(label), expected,
                        testRows(label), 100.0 * testRows(label) / rows(label)));
            }
        }
    }

    private String keysNamed() {
        return recordedTrainRows == null ? "test keys" : "keys of a side";
    }

    private static String examples(SortedSet<String> keys) {
        List<String> first = keys.stream().limit(EXAMPLES).toList();
        return String.join(", ", first) + (keys.size() > EXAMPLES ? " ..." : "");
    }
}
