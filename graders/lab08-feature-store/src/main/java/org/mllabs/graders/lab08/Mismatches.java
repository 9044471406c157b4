package org.mllabs.graders.lab08;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mllabs.grading.Problems;

/**
 * Rows whose features are not what a point-in-time lookup finds, counted; the first is described, naming the row a
 * leaking lookup read from the future when there is one.
 */
final class Mismatches {

    private final String timeName;
    private int count;
    private String first;
    private String firstLeak;

    /** @param timeName what the row's time is, in a sentence: {@code the label's} */
    Mismatches(String timeName) {
        this.timeName = timeName;
    }

    /** Compares the row's features with the table's latest row at or before {@code time}. */
    void compare(FeatureHistory history, String key, Instant time, Function<String, Object> features) {
        Optional<Map<String, Object>> expected = history.asOf(key, time);
        boolean differs = false;
        for (String feature : FeatureStoreGrader.FEATURES) {
            Object found = features.apply(feature);
            Object wanted = expected.map(row -> row.get(feature)).orElse(null);
            if (FeatureHistory.same(wanted, found)) {
                continue;
            }
            differs = true;
            Optional<Map<String, Object>> future = found == null ? Optional.empty()
                    : history.laterRowWith(key, time, feature, found);
            if (future.isPresent() && firstLeak == null) {
                firstLeak = "feature " + feature + " of customer " + key + " comes from " + history.time(future.get())
                        + ", after " + timeName + " " + time;
            } else if (first == null) {
                first = "feature " + feature + " of customer " + key + " at " + time + " is " + found + ", expected "
                        + wanted + expected.map(row -> " (the row of " + history.time(row) + ")")
                        .orElse(" (no row at or before it)");
            }
        }
        if (differs) {
            count++;
        }
    }

    /** Whether any row differed. */
    boolean any() {
        return count > 0;
    }

    /** Adds a problem when any row differed. */
    void report(Problems problems, int rows, String what) {
        if (count == 0) {
            return;
        }
        if (firstLeak != null) {
            problems.add(firstLeak + ": the lookup leaks future values (" + count + " of " + rows + " " + what
                    + " differ from a point-in-time lookup)");
        } else {
            problems.add(count + " of " + rows + " " + what + " differ from a point-in-time lookup: " + first);
        }
    }
}
