package org.mllabs.runtime.model.rows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code VectorAssembler.transform}, a row at a time: the non-zero values of each column in turn (scalars cast to
 * double, vectors' non-zero entries), as a sparse vector then {@code compressed}, as Spark's {@code assemble} builds
 * it.
 * Under {@code handleInvalid = "keep"} a null stands for as many NaNs as its column is wide. A null or a NaN scalar
 * under {@code "error"} (Spark raises an error) and a null or a NaN under {@code "skip"} (Spark leaves the row out)
 * make the row Spark's. Vector columns are read only when their size is known from the stages before, as Spark
 * knows it from their metadata. The output's attributes are the inputs' (a vector without attributes counting as that
 * many numeric ones), for an {@code Interaction} after it.
 */
final class VectorAssemblerRows implements RowStage {

    private final String[] inputs;
    private final boolean[] vectors;
    private final boolean[] floating;
    private final int[] widths;
    private final String output;
    private final String handleInvalid;

    private VectorAssemblerRows(String[] inputs, boolean[] vectors, boolean[] floating, int[] widths, String output,
            String handleInvalid) {
        this.inputs = inputs;
        this.vectors = vectors;
        this.floating = floating;
        this.widths = widths;
        this.output = output;
        this.handleInvalid = handleInvalid;
    }

    static RowStage of(VectorAssembler assembler, Map<String, RowColumn> columns) throws UnsupportedStageException {
        String[] inputs = assembler.getInputCols();
        boolean[] vectors = new boolean[inputs.length];
        boolean[] floating = new boolean[inputs.length];
        int[] widths = new int[inputs.length];
        List<Integer> features = new ArrayList<>();
        boolean featuresKnown = true;
        for (int i = 0; i < inputs.length; i++) {
            RowColumn column = RowColumn.read(columns, inputs[i], assembler);
            DataType type = column.type();
            if (column.isVector()) {
                OptionalInt size = column.vectorSize();
                if (size.isEmpty()) {
                    throw new UnsupportedStageException(assembler.uid() + " assembles " + inputs[i]
                            + ", a vector of a size no earlier stage gives");
                }
                vectors[i] = true;
                widths[i] = size.getAsInt();
            } else if (SparkCasts.castsToDouble(type)) {
                floating[i] = DataTypes.DoubleType.equals(type) || DataTypes.FloatType.equals(type);
                widths[i] = 1;
            } else {
                throw new UnsupportedStageException(assembler.uid() + " assembles " + inputs[i] + " of type "
                        + type.simpleString() + ", which the per-row path does not cast");
            }
            Optional<List<Integer>> attributes = column.isVector()
                    ? Optional.of(column.features().orElse(Collections.nCopies(widths[i], 1)))
                    : DataTypes.DoubleType.equals(type) ? column.features() : Optional.of(List.of(1));
            featuresKnown &= attributes.isPresent();
            attributes.ifPresent(features::addAll);
        }
        int size = Arrays.stream(widths).sum();
        columns.put(assembler.getOutputCol(), featuresKnown ? new RowColumn(SQLDataTypes.VectorType(),
                OptionalInt.of(size), Optional.of(List.copyOf(features))) : RowColumn.sizedVector(size));
        return new VectorAssemblerRows(inputs, vectors, floating, widths, assembler.getOutputCol(),
                assembler.getHandleInvalid());
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        int[] indices = new int[Arrays.stream(widths).sum()];
        double[] values = new double[indices.length];
        int count = 0;
        int featureIndex = 0;
        for (int i = 0; i < inputs.length; i++) {
            Object value = row.get(inputs[i]);
            if (value == null) {
                if (!"keep".equals(handleInvalid)) {
                    return false;
                }
                for (int j = 0; j < widths[i]; j++) {
                    indices[count] = featureIndex + j;
                    values[count++] = Double.NaN;
                }
            } else if (vectors[i]) {
                Vector vector = (Vector) value;
                if (vector.size() != widths[i]) {
                    return false;
                }
                count = appendNonZeros(vector, featureIndex, indices, values, count);
            } else {
                double scalar = SparkCasts.toDouble(value);
                if (Double.isNaN(scalar) && floating[i] && !"keep".equals(handleInvalid)) {
                    return false;
                }
                if (scalar != 0.0) {
                    indices[count] = featureIndex;
                    values[count++] = scalar;
                }
            }
            featureIndex += widths[i];
        }
        row.put(output, Vectors.sparse(featureIndex, Arrays.copyOf(indices, count), Arrays.copyOf(values, count))
                .compressed());
        return true;
    }

    private static int appendNonZeros(Vector vector, int offset, int[] indices, double[] values, int count) {
        int next = count;
        if (vector instanceof DenseVector dense) {
            double[] entries = dense.values();
            for (int j = 0; j < entries.length; j++) {
                if (entries[j] != 0.0) {
                    indices[next] = offset + j;
                    values[next++] = entries[j];
                }
            }
        } else {
            SparseVector sparse = (SparseVector) vector;
            for (int j = 0; j < sparse.indices().length; j++) {
                if (sparse.values()[j] != 0.0) {
                    indices[next] = offset + sparse.indices()[j];
                    values[next++] = sparse.values()[j];
                }
            }
        }
        return next;
    }
}
