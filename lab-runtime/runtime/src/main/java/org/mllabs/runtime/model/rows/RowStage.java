package org.mllabs.runtime.model.rows;

import java.util.Map;

/** One pipeline stage applied to one row, its columns by name. */
interface RowStage {

    /**
     * Adds the stage's output columns to the row.
     *
     * @param row the row's columns, each holding the Java value Spark's row would hold ({@code null} for null)
     * @return false when Spark would raise an error on the row or leave it out: Spark must score it
     */
    boolean apply(Map<String, Object> row);
}
