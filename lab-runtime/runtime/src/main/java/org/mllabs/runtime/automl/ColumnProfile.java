package org.mllabs.runtime.automl;

/**
 * One column as AutoML profiled it, and what it decided.
 *
 * @param name the column
 * @param type Spark's name of its type, such as {@code int} or {@code string}
 * @param missingRatio the share of rows where it is missing, 0 to 1
 * @param distinctValues how many distinct values a text column has (missing not counted); for a number 0 when it is
 *                       always missing, 1 when it is constant, 2 when it has two values or more
 * @param role what AutoML does with it
 * @param reason why, in a few words
 */
public record ColumnProfile(String name, String type, double missingRatio, long distinctValues, ColumnRole role,
                            String reason) {
}
