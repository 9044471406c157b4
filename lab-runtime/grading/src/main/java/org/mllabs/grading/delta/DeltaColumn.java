package org.mllabs.grading.delta;

/**
 * One column of a Delta table's schema.
 *
 * @param name the column name
 * @param type the Delta type name as the Kernel prints it: {@code string}, {@code integer}, {@code long},
 *     {@code double}, {@code boolean}, {@code date}, {@code timestamp}, ...
 * @param nullable whether the column accepts nulls
 */
public record DeltaColumn(String name, String type, boolean nullable) {
}
