package org.mllabs.graders.lab08;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.mllabs.grading.Problems;

/**
 * Training rows whose label is not the one given, or is dated otherwise than when it was observed, counted; the first
 * of each kind is described. A label dated later than it was observed gets its features from after it was known.
 */
final class LabelTimes {

    private int later;
    private String firstLater;
    private int otherTimes;
    private String firstOtherTime;
    private int otherLabels;
    private String firstOtherLabel;

    /**
     * Compares a training row with its label as given.
     *
     * @param observed when the label was observed, as given
     * @param time the row's {@code label_time}, a missing node when the training set left it out
     */
    void compare(String key, Instant observed, JsonNode time, Object givenLabel, Object foundLabel) {
        if (!FeatureHistory.same(givenLabel, foundLabel)) {
            otherLabels++;
            if (firstOtherLabel == null) {
                firstOtherLabel = "customer " + key + " has the label " + foundLabel + ", given " + givenLabel;
            }
        }
        if (time.isMissingNode()) {
            return;
        }
        Instant dated = instant(time);
        if (observed.equals(dated)) {
            return;
        }
        String example = "customer " + key + "'s label was observed at " + observed + ", its row says " + time.asText();
        if (dated != null && dated.isAfter(observed)) {
            later++;
            firstLater = firstLater == null ? example : firstLater;
        } else {
            otherTimes++;
            firstOtherTime = firstOtherTime == null ? example : firstOtherTime;
        }
    }

    /** Adds a problem for each kind of difference found. */
    void report(Problems problems, int rows) {
        problems.require(later == 0, later + " of " + rows + " training rows date their label later than it was "
                + "observed, so their features are looked up after the label was known: " + firstLater);
        problems.require(otherTimes == 0, otherTimes + " of " + rows + " training rows date their label otherwise "
                + "than when it was observed: " + firstOtherTime);
        problems.require(otherLabels == 0, otherLabels + " of " + rows + " training rows have another label than "
                + "the one given: " + firstOtherLabel);
    }

    /** The instant an ISO-8601 text node holds; null for anything else. */
    static Instant instant(JsonNode time) {
        try {
            return time.isTextual() ? Instant.parse(time.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
