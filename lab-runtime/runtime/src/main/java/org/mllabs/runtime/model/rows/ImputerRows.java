package org.mllabs.runtime.model.rows;

import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code ImputerModel.transform}, a row at a time: the value cast to double; a null, or a value equal to
 * {@code missingValue} (NaN equal to NaN, as in Spark SQL), replaced by the column's surrogate; the result cast back to
 * the input column's type. A surrogate that does not fit an integral column is left to Spark, whose cast then depends
 * on its ANSI mode.
 */
final class ImputerRows implements RowStage {

    private static final Set<DataType> TYPES = Set.of(DataTypes.DoubleType, DataTypes.FloatType,
            DataTypes.LongType, DataTypes.IntegerType);
    /** 2 to the 63: the first double above every long. */
    private static final double LONG_LIMIT = 0x1p63;

    private final String[] inputs;
    private final String[] outputs;
    private final DataType[] types;
    private final double[] surrogates;
    private final double missingValue;

    private ImputerRows(ColumnPairs columns, DataType[] types, double[] surrogates, double missingValue) {
        this.inputs = columns.inputs();
        this.outputs = columns.outputs();
        this.types = types;
        this.surrogates = surrogates;
        this.missingValue = missingValue;
    }

    static RowStage of(ImputerModel model, Map<String, RowColumn> columns) throws UnsupportedStageException {
        ColumnPairs pairs = ColumnPairs.of(model, model.inputCol(), model.outputCol(), model.inputCols(),
                model.outputCols());
        Row surrogateRow = model.surrogateDF().head();
        DataType[] types = new DataType[pairs.inputs().length];
        double[] surrogates = new double[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = RowColumn.read(columns, pairs.inputs()[i], model).type();
            if (!TYPES.contains(types[i])) {
                throw new UnsupportedStageException(model.uid() + " imputes " + pairs.inputs()[i] + " of type "
                        + types[i].simpleString() + ", which the per-row path does not cast");
            }
            surrogates[i] = surrogateRow.getDouble(surrogateRow.fieldIndex(pairs.inputs()[i]));
            columns.put(pairs.outputs()[i], RowColumn.scalar(types[i]));
        }
        return new ImputerRows(pairs, types, surrogates, model.getMissingValue());
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        for (int i = 0; i < inputs.length; i++) {
            Object value = row.get(inputs[i]);
            double imputed = value == null ? surrogates[i] : SparkCasts.toDouble(value);
            if (value != null && isMissing(imputed)) {
                imputed = surrogates[i];
            }
            Object cast = castBack(imputed, types[i]);
            if (cast == null) {
                return false;
            }
            row.put(outputs[i], cast);
        }
        return true;
    }

    private boolean isMissing(double value) {
        return Double.isNaN(missingValue) ? Double.isNaN(value) : value == missingValue;
    }

    /** {@code CAST(value AS type)}, or null when an integral type cannot hold it. */
    private static Object castBack(double value, DataType type) {
        if (DataTypes.DoubleType.equals(type)) {
            return value;
        }
        if (DataTypes.FloatType.equals(type)) {
            return (float) value;
        }
        if (Double.isNaN(value) || value < -LONG_LIMIT || value >= LONG_LIMIT) {
            return null;
        }
        if (DataTypes.LongType.equals(type)) {
            return (long) value;
        }
        return value < Integer.MIN_VALUE || value >= Integer.MAX_VALUE + 1.0 ? null : (int) value;
    }
}
