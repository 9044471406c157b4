package org.mllabs.runtime.automl;

/**
 * One column as AutoML profiled it, and what it decided.
 *
 * @param name the column
 * @param type Spark's name of its type, such as {@code int} or {@code string}
 * @param missingRatio the share of rows where it is missing, 0 to 1
 * @param distinctValues how many distinct values it has (missing not counted)
 * @param role what AutoML does with it
 * @param reason why, in a few words
 */
public record ColumnProfile(String name, String type, double missingRatio, long distinctValues, ColumnRole role,
                            String reason) {
}
