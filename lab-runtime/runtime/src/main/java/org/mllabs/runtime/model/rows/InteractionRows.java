package org.mllabs.runtime.model.rows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * {@code Interaction.transform}, a row at a time: the products of one feature of each column, as Spark's
 * {@code FeatureEncoder}s expand them (a nominal attribute of n values into n indicator features, any other attribute
 * into itself), built from the last column to the first into a sparse vector then {@code compressed}. A column whose
 * attributes the stages before do not give is refused, as Spark refuses a vector without attributes; a null, or a
 * nominal value that is not an index (Spark's assertion fails), makes the row Spark's.
 */
final class InteractionRows implements RowStage {

    private final String[] inputs;
    private final int[][] features;
    private final String output;

    private InteractionRows(String[] inputs, int[][] features, String output) {
        this.inputs = inputs;
        this.features = features;
        this.output = output;
    }

    static RowStage of(Interaction interaction, Map<String, RowColumn> columns) throws UnsupportedStageException {
        String[] inputs = interaction.getInputCols();
        int[][] features = new int[inputs.length][];
        int size = 1;
        for (int i = 0; i < inputs.length; i++) {
            RowColumn column = RowColumn.read(columns, inputs[i], interaction);
            Optional<List<Integer>> attributes = column.features();
            if (attributes.isEmpty() || !column.isVector() && !SparkCasts.castsToDouble(column.type())) {
                throw new UnsupportedStageException(interaction.uid() + " interacts " + inputs[i]
                        + ", whose attributes the per-row path does not know");
            }
            features[i] = attributes.get().stream().mapToInt(Integer::intValue).toArray();
            size *= Arrays.stream(features[i]).sum();
        }
        columns.put(interaction.getOutputCol(), RowColumn.numericVector(size));
        return new InteractionRows(inputs, features, interaction.getOutputCol());
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        int[] indices = {0};
        double[] values = {1.0};
        int size = 1;
        for (int column = inputs.length - 1; column >= 0; column--) {
            Object value = row.get(inputs[column]);
            Encoded encoded = value == null ? null : encode(value, features[column]);
            if (encoded == null) {
                return false;
            }
            int[] nextIndices = new int[indices.length * encoded.count];
            double[] nextValues = new double[nextIndices.length];
            int next = 0;
            for (int k = 0; k < encoded.count; k++) {
                for (int j = 0; j < indices.length; j++) {
                    nextIndices[next] = indices[j] + encoded.indices[k] * size;
                    nextValues[next++] = values[j] * encoded.values[k];
                }
            }
            indices = nextIndices;
            values = nextValues;
            size *= encoded.width;
        }
        row.put(output, Vectors.sparse(size, indices, values).compressed());
        return true;
    }

    /** The outputs {@code FeatureEncoder.foreachNonzeroOutput} gives for a value, or null where it asserts. */
    private static Encoded encode(Object value, int[] features) {
        int width = Arrays.stream(features).sum();
        if (!(value instanceof Vector vector)) {
            double scalar = SparkCasts.toDouble(value);
            if (features[0] == 1) {
                return new Encoded(width, new int[] {0}, new double[] {scalar}, 1);
            }
            return isIndex(scalar, features[0]) ? new Encoded(width, new int[] {(int) scalar}, new double[] {1.0}, 1)
                    : null;
        }
        if (vector.size() != features.length) {
            return null;
        }
        int[] activeIndices = vector instanceof SparseVector sparse ? sparse.indices() : null;
        double[] activeValues = vector instanceof DenseVector dense ? dense.values() : ((SparseVector) vector).values();
        int[] offsets = new int[features.length];
        for (int i = 1; i < features.length; i++) {
            offsets[i] = offsets[i - 1] + features[i - 1];
        }
        Encoded encoded = new Encoded(width, new int[activeValues.length], new double[activeValues.length], 0);
        for (int a = 0; a < activeValues.length; a++) {
            int i = activeIndices == null ? a : activeIndices[a];
            double v = activeValues[a];
            if (features[i] == 1) {
                encoded.add(offsets[i], v);
            } else if (isIndex(v, features[i])) {
                encoded.add(offsets[i] + (int) v, 1.0);
            } else {
                return null;
            }
        }
        return encoded;
    }

    private static boolean isIndex(double value, int count) {
        return value >= 0.0 && value == (int) value && value < count;
    }

    /** A column's non-zero outputs (zeros included where Spark passes them on). */
    private static final class Encoded {
        private final int width;
        private final int[] indices;
        private final double[] values;
        private int count;

        Encoded(int width, int[] indices, double[] values, int count) {
            this.width = width;
            this.indices = indices;
            this.values = values;
            this.count = count;
        }

        void add(int index, double value) {
            indices[count] = index;
            values[count++] = value;
        }
    }
}
