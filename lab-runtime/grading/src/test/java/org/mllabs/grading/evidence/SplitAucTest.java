package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
            .add("score", DataTypes.DoubleType).add("label", DataTypes.IntegerType);

    /**
     * A "model" whose score ranks the rows as their labels do, and that writes a label column of its own, the reverse
     * of the real one: both are scored against the rows' true labels, never the label the model writes.
     */
    @Test
    void scoresAgainstTheTrueLabelsNotTheLabelTheModelWrites(SparkSession spark) {
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create("a", 0.9, 1), RowFactory.create("b", 0.8, 1),
                RowFactory.create("c", 0.3, 0), RowFactory.create("d", 0.1, 0)), SCHEMA);
        SQLTransformer model = new SQLTransformer()
                .setStatement("SELECT *, score AS rawPrediction, IF(score > 0.5, 0, 1) AS label FROM __THIS__");

        assertThat(HeldOutAuc.of(model, data, "label")).isEqualTo(1.0);
        assertThat(SplitAuc.of(model, data, data, "id", "label")).isEqualTo(1.0);
        assertThat(SplitAuc.of(model, data.filter("id IN ('a', 'c')"), data, "id", "label")).isEqualTo(1.0);
    }

    /** A model that reads the label it is handed scores perfectly; a split's AUC hands it the rows without it. */
    @Test
    void theModelIsNotHandedTheLabelEvenWithoutASignature(SparkSession spark) {
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create("a", 0.1, 1), RowFactory.create("b", 0.2, 1),
                RowFactory.create("c", 0.3, 0), RowFactory.create("d", 0.4, 0)), SCHEMA);
        SQLTransformer cheat = new SQLTransformer()
                .setStatement("SELECT *, CAST(label AS DOUBLE) AS rawPrediction FROM __THIS__");

        assertThatThrownBy(() -> SplitAuc.of(cheat, data, data, "id", "label"))
                .isInstanceOf(UnscorableModelException.class).hasMessageContaining("without the label label");
    }
}
