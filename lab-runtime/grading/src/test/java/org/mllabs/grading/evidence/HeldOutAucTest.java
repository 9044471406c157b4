package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class HeldOutAucTest {

    @Test
    void countsEachPairOfClassesOnceAndATieAsHalf() {
        assertThat(HeldOutAuc.area(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {true, true, false, false}))
                .isEqualTo(1.0);
        assertThat(HeldOutAuc.area(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}))
                .isEqualTo(0.0);
        assertThat(HeldOutAuc.area(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, false})).isEqualTo(0.5);
        // positives 0.9 and 0.4, negatives 0.7, 0.4 and 0.1: the pairs 0.9 > all three, 0.4 > 0.1, 0.4 = 0.4 (half)
        assertThat(HeldOutAuc.area(new double[] {0.7, 0.9, 0.4, 0.4, 0.1},
                new boolean[] {false, true, true, false, false})).isEqualTo(4.5 / 6);
    }

    @Test
    void isNotANumberWithOneClass() {
        assertThat(HeldOutAuc.area(new double[] {0.3, 0.6}, new boolean[] {true, true})).isNaN();
    }

    /** Rows whose two features predict the label with noise; the second feature takes 3 values, so scores tie. */
    @Test
    void agreesWithBinaryClassificationEvaluatorOnAModelsScores(SparkSession spark) {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            double x = random.nextGaussian();
            double level = random.nextInt(3);
            double label = x + 0.5 * level + random.nextGaussian() > 0.5 ? 1.0 : 0.0;
            rows.add(RowFactory.create(Vectors.dense(i % 4 == 0 ? 0.0 : x, level), label));
        }
        Dataset<Row> data = spark.createDataFrame(rows, new StructType()
                .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType));
        LogisticRegressionModel model = new LogisticRegression().setMaxIter(20).fit(data);

        double exact = new BinaryClassificationEvaluator().setNumBins(0).evaluate(model.transform(data));
        assertThat(HeldOutAuc.of(model, data, "label")).isCloseTo(exact, within(1e-12)).isBetween(0.6, 0.99);

        Dataset<Row> probabilities = model.transform(data).select(
                org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64")
                        .getItem(1).as("p"),
                functions.col("label").cast("int").as("label"));
        assertThat(HeldOutAuc.of(probabilities, "p", "label")).isCloseTo(exact, within(1e-12));
    }
}
