package org.mllabs.runtime.model.rows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code StringIndexerModel.transform}, a row at a time: each label's index in its column's labels, as a double. A
 * null or a label the model never saw gets the number of labels under {@code handleInvalid = "keep"}; under
 * {@code "error"} Spark raises an error and under {@code "skip"} it leaves the row out, so the row is Spark's. Only
 * string columns are read: Spark casts other types to strings first.
 */
final class StringIndexerRows implements RowStage {

    private final String[] inputs;
    private final String[] outputs;
    private final List<Map<String, Double>> indexes;
    private final double[] invalidIndexes;
    private final boolean keepInvalid;

    private StringIndexerRows(ColumnPairs columns, List<Map<String, Double>> indexes, double[] invalidIndexes,
            boolean keepInvalid) {
        this.inputs = columns.inputs();
        this.outputs = columns.outputs();
        this.indexes = indexes;
        this.invalidIndexes = invalidIndexes;
        this.keepInvalid = keepInvalid;
    }

    static RowStage of(StringIndexerModel model, Map<String, RowColumn> columns) throws UnsupportedStageException {
        ColumnPairs pairs = ColumnPairs.of(model, model.inputCol(), model.outputCol(), model.inputCols(),
                model.outputCols());
        boolean keepInvalid = "keep".equals(model.getHandleInvalid());
        String[][] labelsArray = model.labelsArray();
        List<Map<String, Double>> indexes = new ArrayList<>();
        double[] invalidIndexes = new double[labelsArray.length];
        for (int i = 0; i < pairs.inputs().length; i++) {
            if (!DataTypes.StringType.equals(RowColumn.read(columns, pairs.inputs()[i], model).type())) {
                throw new UnsupportedStageException(model.uid() + " indexes " + pairs.inputs()[i]
                        + ", not a string column");
            }
            Map<String, Double> index = new HashMap<>();
            for (int label = 0; label < labelsArray[i].length; label++) {
                index.put(labelsArray[i][label], (double) label);
            }
            indexes.add(index);
            invalidIndexes[i] = labelsArray[i].length;
            int values = labelsArray[i].length + (keepInvalid ? 1 : 0);
            columns.put(pairs.outputs()[i], new RowColumn(DataTypes.DoubleType, OptionalInt.empty(),
                    Optional.of(List.of(Math.max(1, values)))));
        }
        return new StringIndexerRows(pairs, indexes, invalidIndexes, keepInvalid);
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        for (int i = 0; i < inputs.length; i++) {
            Object label = row.get(inputs[i]);
            Double index = label == null ? null : indexes.get(i).get(label);
            if (index == null && !keepInvalid) {
                return false;
            }
            row.put(outputs[i], index == null ? invalidIndexes[i] : index);
        }
        return true;
    }
}
