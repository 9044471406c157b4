package org.mllabs.grading.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
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
class LogisticRefitTest {

    private static final LogisticRefit REFIT = new LogisticRefit(List.of("x", "z"), "label");

    /** Rows whose feature x predicts the label with noise; z is noise alone. */
    private static Dataset<Row> rows(SparkSession spark, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            double x = random.nextGaussian();
            rows.add(RowFactory.create(x, random.nextGaussian(), x + random.nextGaussian() > 0 ? 1 : 0));
        }
        return spark.createDataFrame(rows, new StructType().add("x", DataTypes.DoubleType)
                .add("z", DataTypes.DoubleType).add("label", DataTypes.IntegerType));
    }

    @Test
    void fitsWithTheParamsItIsGiven(SparkSession spark) {
        PipelineModel model = REFIT.fit(rows(spark, 1), 0.01, 0.5, 7);

        LogisticRegressionModel regression = (LogisticRegressionModel) model.stages()[1];
        assertThat(regression.getRegParam()).isEqualTo(0.01);
        assertThat(regression.getElasticNetParam()).isEqualTo(0.5);
        assertThat(regression.getMaxIter()).isEqualTo(7);
    }

    @Test
    void theParamsChangeWhatTheModelScores(SparkSession spark) {
        Dataset<Row> heldOut = rows(spark, 2);

        double weak = REFIT.auc(REFIT.fit(rows(spark, 1), 0.001, 0.0, 20), heldOut);
        double lasso = REFIT.auc(REFIT.fit(rows(spark, 1), 1.0, 1.0, 20), heldOut);

        assertThat(weak).isGreaterThan(0.7);
        assertThat(lasso).as("a lasso strong enough to zero every coefficient ranks nothing").isEqualTo(0.5);
    }
}
