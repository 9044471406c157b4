package org.mllabs.runtime.model.rows;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;

/**
 * What the per-row path knows of a column before any row arrives: its type, and what Spark's ML attributes in the
 * column's metadata would say, as far as a stage reads them.
 *
 * @param type the column's Spark type
 * @param vectorSize a vector column's size, if its metadata gives it
 * @param features how many features each of the column's attributes stands for, as {@code Interaction} counts them
 *     (1 for a numeric or binary attribute, the number of values for a nominal one), if its metadata says
 */
record RowColumn(DataType type, OptionalInt vectorSize, Optional<List<Integer>> features) {

    /** A scalar column without ML attributes: one numeric feature. */
    static RowColumn scalar(DataType type) {
        return new RowColumn(type, OptionalInt.empty(), Optional.of(List.of(1)));
    }

    /** A scalar column whose metadata says nothing a stage could read. */
    static RowColumn unknownScalar(DataType type) {
        return new RowColumn(type, OptionalInt.empty(), Optional.empty());
    }

    /** A vector column of a known size whose attributes are all numeric or binary. */
    static RowColumn numericVector(int size) {
        return new RowColumn(SQLDataTypes.VectorType(), OptionalInt.of(size),
                Optional.of(Collections.nCopies(size, 1)));
    }

    /** A vector column whose metadata gives its size and nothing else. */
    static RowColumn sizedVector(int size) {
        return new RowColumn(SQLDataTypes.VectorType(), OptionalInt.of(size), Optional.empty());
    }

    /** A vector column whose metadata says nothing. */
    static RowColumn unknownVector() {
        return new RowColumn(SQLDataTypes.VectorType(), OptionalInt.empty(), Optional.empty());
    }

    /** The column a stage reads, or why the per-row path cannot read it. */
    static RowColumn read(Map<String, RowColumn> columns, String name, Transformer stage)
            throws UnsupportedStageException {
        RowColumn column = columns.get(name);
        if (column == null) {
            throw new UnsupportedStageException(stage.uid() + " reads " + name + ", which the per-row path lacks");
        }
        return column;
    }

    boolean isVector() {
        return SQLDataTypes.VectorType().equals(type);
    }
}
