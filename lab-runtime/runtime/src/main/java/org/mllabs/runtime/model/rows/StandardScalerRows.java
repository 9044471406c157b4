package org.mllabs.runtime.model.rows;

import java.util.Map;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * {@code StandardScalerModel.transform}, a row at a time, as Spark's {@code getTransformFunc} computes it: with the
 * mean, {@code (x - mean) * (1 / std)} (or {@code x - mean}) into a dense vector; with the standard deviation alone,
 * each stored value times {@code 1 / std}, keeping the vector dense or sparse; a standard deviation of 0 scales by 0.
 * A null vector, on which Spark raises an error, is Spark's.
 */
final class StandardScalerRows implements RowStage {

    private final String input;
    private final String output;
    private final double[] shift;
    private final double[] scale;
    private final boolean withMean;
    private final boolean withStd;

    private StandardScalerRows(StandardScalerModel model, double[] shift, double[] scale) {
        this.input = model.getInputCol();
        this.output = model.getOutputCol();
        this.shift = shift;
        this.scale = scale;
        this.withMean = model.getWithMean();
        this.withStd = model.getWithStd();
    }

    static RowStage of(StandardScalerModel model, Map<String, RowColumn> columns) throws UnsupportedStageException {
        if (!RowColumn.read(columns, model.getInputCol(), model).isVector()) {
            throw new UnsupportedStageException(model.uid() + " scales " + model.getInputCol() + ", not a vector");
        }
        double[] shift = model.getWithMean() ? model.mean().toArray().clone() : new double[0];
        double[] scale = new double[0];
        if (model.getWithStd()) {
            scale = model.std().toArray().clone();
            for (int i = 0; i < scale.length; i++) {
                scale[i] = scale[i] == 0 ? 0.0 : 1.0 / scale[i];
            }
        }
        columns.put(model.getOutputCol(), RowColumn.sizedVector(model.mean().size()));
        return new StandardScalerRows(model, shift, scale);
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        Vector vector = (Vector) row.get(input);
        if (vector == null || vector.size() != shift.length && withMean || vector.size() != scale.length && withStd) {
            return false;
        }
        row.put(output, scale(vector));
        return true;
    }

    private Vector scale(Vector vector) {
        if (withMean) {
            double[] values = vector instanceof DenseVector dense ? dense.values().clone() : vector.toArray();
            for (int i = 0; i < values.length; i++) {
                values[i] = withStd ? (values[i] - shift[i]) * scale[i] : values[i] - shift[i];
            }
            return Vectors.dense(values);
        }
        if (!withStd) {
            return vector;
        }
        if (vector instanceof DenseVector dense) {
            double[] values = dense.values().clone();
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale[i];
            }
            return Vectors.dense(values);
        }
        SparseVector sparse = (SparseVector) vector;
        double[] values = sparse.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] *= scale[sparse.indices()[i]];
        }
        return Vectors.sparse(sparse.size(), sparse.indices(), values);
    }
}
