package org.mllabs.graders.lab08;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mllabs.grading.Problems;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.runtime.featurestore.FeatureSpec;

/**
 * Whether the table version a feature spec names is the one the training set read: the lookup the spec describes
 * (point in time at the rows' timestamp lookup key, or each key's latest row without one), redone on that version's
 * rows, must give every training row's features. When it does not, the versions that do are named, or, when the spec
 * has no timestamp lookup key while its version looked up point in time gives the rows, the missing key is.
 */
final class TableVersions {

    private TableVersions() {
    }

    /**
     * Adds a problem when the spec's version does not give the training rows' features.
     *
     * @param givenTimes when each customer's label was observed, for rows that left the timestamp column out
     */
    static void check(DeltaTableReader table, FeatureSpec.Lookup lookup, List<JsonNode> rows,
                      Map<String, Instant> givenTimes, Problems problems) {
        long named = lookup.tableVersion();
        boolean pointInTime = lookup.timestampLookupKey() != null;
        int differing = differing(table, named, lookup, pointInTime, rows, givenTimes);
        if (differing == 0) {
            return;
        }
        if (!pointInTime && differing(table, named, lookup, true, rows, givenTimes) == 0) {
            problems.add("expected a timestamp lookup key, found none: the training rows' features are those of "
                    + "version " + named + " at each label's time, as a point-in-time lookup gives, while the spec "
                    + "describes each customer's latest row, which scoreBatch then reads");
            return;
        }
        List<Long> reading = new ArrayList<>();
        for (DeltaCommit commit : table.history()) {
            if (commit.version() != named
                    && differing(table, commit.version(), lookup, pointInTime, rows, givenTimes) == 0) {
                reading.add(commit.version());
            }
        }
        problems.add("expected the version of " + lookup.tableName() + " the training set read ("
                + (reading.isEmpty() ? "none of its versions gives the training rows' features"
                : "version " + reading.get(reading.size() - 1) + " gives its features") + "), found version " + named
                + ", whose lookup gives other features for " + differing + " of " + rows.size() + " training rows");
    }

    /**
     * How many training rows the lookup, redone on the version's rows, gives other features: point in time at each
     * row's time (its timestamp lookup column, else when its label was observed), or each key's latest row.
     */
    private static int differing(DeltaTableReader table, long version, FeatureSpec.Lookup lookup,
                                 boolean pointInTime, List<JsonNode> rows, Map<String, Instant> givenTimes) {
        FeatureHistory history = FeatureStoreGrader.history(table.atVersion(version));
        int count = 0;
        for (JsonNode row : rows) {
            String key = row.path(FeatureStoreGrader.PRIMARY_KEY).asText();
            Optional<Map<String, Object>> expected;
            if (!pointInTime) {
                expected = history.latest(key);
            } else {
                Instant time = lookup.timestampLookupKey() == null ? null
                        : LabelTimes.instant(row.path(lookup.timestampLookupKey()));
                expected = history.asOf(key, time != null ? time : givenTimes.getOrDefault(key, Instant.MAX));
            }
            for (String feature : lookup.features()) {
                Object wanted = expected.map(found -> found.get(feature)).orElse(null);
                if (!FeatureHistory.same(wanted, FeatureStoreGrader.value(row.path(feature)))) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }
}
