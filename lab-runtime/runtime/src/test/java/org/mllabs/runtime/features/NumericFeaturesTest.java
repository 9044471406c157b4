package org.mllabs.runtime.features;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class NumericFeaturesTest {

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void theColumnsAreTheNumericColumnsButTheLabelInHeaderOrder(LabDataset dataset) {
        NumericFeatures numeric = NumericFeatures.of(dataset);

        assertThat(numeric.columns()).isNotEmpty().doesNotContain(dataset.labelColumn())
                .isSubsetOf(dataset.columnNames());
        assertThat(numeric.schema().fields()).extracting(StructField::dataType)
                .allMatch(type -> type.equals(DataTypes.LongType) || type.equals(DataTypes.DoubleType));
        List<String> inHeaderOrder = dataset.columnNames().stream().filter(numeric.columns()::contains).toList();
        assertThat(numeric.columns()).containsExactlyElementsOf(inHeaderOrder);
        List<String> leftOut = dataset.columnNames().stream()
                .filter(name -> !numeric.columns().contains(name) && !name.equals(dataset.labelColumn())).toList();
        assertThat(leftOut).allSatisfy(name -> assertThat(dataset.schema().apply(name).dataType())
                .isNotIn(DataTypes.LongType, DataTypes.DoubleType));
    }

    @Test
    void theStagesImputeEachColumnThenAssembleTheImputedCopies() {
        NumericFeatures numeric = NumericFeatures.of(LabDataset.HOUSE_PRICES);

        PipelineStage[] stages = numeric.stages();

        assertThat(stages).hasSize(2);
        Imputer imputer = (Imputer) stages[0];
        VectorAssembler assembler = (VectorAssembler) stages[1];
        assertThat(imputer.getInputCols()).containsExactlyElementsOf(numeric.columns());
        assertThat(imputer.getStrategy()).isEqualTo("median");
        assertThat(assembler.getInputCols()).containsExactly(imputer.getOutputCols());
        assertThat(imputer.getOutputCols()).allSatisfy(name -> assertThat(name).endsWith("_imputed"));
        assertThat(assembler.getOutputCol()).isEqualTo(NumericFeatures.FEATURES_COLUMN);
        assertThat(numeric.stages()[0]).as("new stages on every call").isNotSameAs(stages[0]);
    }

    @ParameterizedTest
    @EnumSource(LabDataset.class)
    void fittedStagesGiveEveryRowAFullVectorThoughSomeCellsAreMissing(LabDataset dataset, SparkSession spark) {
        NumericFeatures numeric = NumericFeatures.of(dataset);
        Dataset<Row> rows = LabDatasets.heldOut(spark, dataset, 11L, 500);
        long withMissingCells = rows.filter(numeric.columns().stream().map(name -> col(name).isNull())
                .reduce((a, b) -> a.or(b)).orElseThrow()).count();

        List<Row> vectors = new Pipeline().setStages(numeric.stages()).fit(rows).transform(rows)
                .select(NumericFeatures.FEATURES_COLUMN).collectAsList();

        assertThat(withMissingCells).as("rows with a missing numeric cell").isPositive();
        assertThat(vectors).hasSize(500).allSatisfy(row -> {
            Vector features = row.getAs(0);
            assertThat(features.size()).isEqualTo(numeric.columns().size());
            assertThat(Arrays.stream(features.toArray()).filter(value -> Double.isNaN(value))).isEmpty();
        });
    }
}
