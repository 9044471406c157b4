package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class SplitAucTest {

    /**
     * A "model" whose score ranks the rows as their labels do, and that writes a label column of its own, the reverse
     * of the real one: held-out scoring reads the label the model passes on, a split's AUC the data's.
     */
    @Test
    void scoresAgainstTheDatasLabelsByKeyNotTheLabelTheModelPassesOn(SparkSession spark) {
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create("a", 0.9, 1), RowFactory.create("b", 0.8, 1),
                RowFactory.create("c", 0.3, 0), RowFactory.create("d", 0.1, 0)), new StructType()
                .add("id", DataTypes.StringType).add("score", DataTypes.DoubleType).add("label", DataTypes.IntegerType));
        SQLTransformer model = new SQLTransformer()
                .setStatement("SELECT *, score AS rawPrediction, IF(score > 0.5, 0, 1) AS label FROM __THIS__");

        assertThat(HeldOutAuc.of(model, data, "label")).isEqualTo(0.0);
        assertThat(SplitAuc.of(model, data, data, "id", "label")).isEqualTo(1.0);
        assertThat(SplitAuc.of(model, data.filter("id IN ('a', 'c')"), data, "id", "label")).isEqualTo(1.0);
    }
}
