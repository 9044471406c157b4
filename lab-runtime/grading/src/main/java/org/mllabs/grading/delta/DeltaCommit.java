package org.mllabs.grading.delta;

import java.time.Instant;
import java.util.Map;

/**
 * One version of a Delta table as its commit recorded it (the {@code commitInfo} action of
 * {@code _delta_log/<version>.json}), as {@code DESCRIBE HISTORY} shows it.
 *
 * @param version the table version the commit made
 * @param timestamp when the writer committed it ({@code commitInfo.timestamp})
 * @param operation the operation, such as {@code WRITE}, {@code CREATE TABLE AS SELECT}, {@code UPDATE},
 *     {@code DELETE}, {@code MERGE}; empty if the writer recorded none
 * @param operationParameters the operation's parameters as text, such as {@code mode=Append}, {@code predicate=...}
 * @param operationMetrics the operation's metrics as text, such as {@code numOutputRows=120}
 * @param changesMetadata whether the commit carries a {@code metaData} action: it created the table or changed its
 *     schema or properties
 */
public record DeltaCommit(long version, Instant timestamp, String operation, Map<String, String> operationParameters,
        Map<String, String> operationMetrics, boolean changesMetadata) {

    /** Copies the maps. */
    public DeltaCommit {
        operationParameters = Map.copyOf(operationParameters);
        operationMetrics = Map.copyOf(operationMetrics);
    }

    /** An operation parameter, or the empty string. */
    public String parameter(String name) {
        return operationParameters.getOrDefault(name, "");
    }

    /** An operation metric as a number, or -1 if the commit did not record it or it is not a whole number. */
    public long metric(String name) {
        try {
            return Long.parseLong(operationMetrics.getOrDefault(name, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
