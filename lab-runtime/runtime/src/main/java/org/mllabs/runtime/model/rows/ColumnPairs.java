package org.mllabs.runtime.model.rows;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The input and output columns of a stage that takes either one column ({@code inputCol}, {@code outputCol}) or
 * several ({@code inputCols}, {@code outputCols}): the single pair when {@code inputCol} is set, as Spark's
 * {@code getInOutCols} decides.
 *
 * @param inputs the input columns
 * @param outputs the output column of each
 */
record ColumnPairs(String[] inputs, String[] outputs) {

    static ColumnPairs of(Params stage, Param<String> inputCol, Param<String> outputCol, Param<String[]> inputCols,
            Param<String[]> outputCols) {
        if (stage.isSet(inputCol)) {
            return new ColumnPairs(new String[] {stage.getOrDefault(inputCol)},
                    new String[] {stage.getOrDefault(outputCol)});
        }
        return new ColumnPairs(stage.getOrDefault(inputCols), stage.getOrDefault(outputCols));
    }
}
