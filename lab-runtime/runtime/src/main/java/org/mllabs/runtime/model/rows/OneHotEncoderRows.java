package org.mllabs.runtime.model.rows;

import java.util.Map;
import org.apache.spark.ml.feature.OneHotEncoderModel;
import org.apache.spark.ml.linalg.Vectors;

/**
 * {@code OneHotEncoderModel.transform}, a row at a time: a sparse vector with a 1 at the category's index, sized by
 * the category count less one under {@code dropLast}, plus one for invalid values under {@code handleInvalid =
 * "keep"}. An index out of range (NaN included) takes the invalid category under {@code "keep"}; under
 * {@code "error"} Spark raises an error, and a null gives a null vector that no later stage takes, so both rows are
 * Spark's.
 */
final class OneHotEncoderRows implements RowStage {

    private static final int[] NO_INDICES = {};
    private static final double[] NO_VALUES = {};

    private final String[] inputs;
    private final String[] outputs;
    private final int[] categorySizes;
    private final int[] vectorSizes;
    private final boolean keepInvalid;

    private OneHotEncoderRows(ColumnPairs columns, int[] categorySizes, int[] vectorSizes, boolean keepInvalid) {
        this.inputs = columns.inputs();
        this.outputs = columns.outputs();
        this.categorySizes = categorySizes;
        this.vectorSizes = vectorSizes;
        this.keepInvalid = keepInvalid;
    }

    static RowStage of(OneHotEncoderModel model, Map<String, RowColumn> columns) throws UnsupportedStageException {
        ColumnPairs pairs = ColumnPairs.of(model, model.inputCol(), model.outputCol(), model.inputCols(),
                model.outputCols());
        boolean keepInvalid = "keep".equals(model.getHandleInvalid());
        boolean dropLast = model.getDropLast();
        int[] categorySizes = model.categorySizes();
        int[] vectorSizes = new int[categorySizes.length];
        for (int i = 0; i < pairs.inputs().length; i++) {
            if (!SparkCasts.castsToDouble(RowColumn.read(columns, pairs.inputs()[i], model).type())) {
                throw new UnsupportedStageException(model.uid() + " encodes " + pairs.inputs()[i]
                        + ", whose type the per-row path does not cast");
            }
            vectorSizes[i] = categorySizes[i] + (!dropLast && keepInvalid ? 1 : 0) - (dropLast && !keepInvalid ? 1 : 0);
            columns.put(pairs.outputs()[i], RowColumn.numericVector(vectorSizes[i]));
        }
        return new OneHotEncoderRows(pairs, categorySizes, vectorSizes, keepInvalid);
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        for (int i = 0; i < inputs.length; i++) {
            Object value = row.get(inputs[i]);
            if (value == null) {
                return false;
            }
            double label = SparkCasts.toDouble(value);
            double index;
            if (label >= 0 && label < categorySizes[i]) {
                index = label;
            } else if (keepInvalid) {
                index = categorySizes[i];
            } else {
                return false;
            }
            row.put(outputs[i], index < vectorSizes[i]
                    ? Vectors.sparse(vectorSizes[i], new int[] {(int) index}, new double[] {1.0})
                    : Vectors.sparse(vectorSizes[i], NO_INDICES, NO_VALUES));
        }
        return true;
    }
}
