package org.mllabs.runtime.features;

import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.datasets.ColumnType;
import org.mllabs.runtime.datasets.DatasetColumn;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * A dataset's numeric columns as model features: every long and double column but the label, in the order of the
 * CSV header. {@link #stages()} are the two pipeline stages that turn them into one vector column: an {@link Imputer}
 * that fills missing cells with the column's median (the datasets leave some cells empty on purpose, and so does the
 * held-out data graders score models on), then a {@link VectorAssembler} into {@value #FEATURES_COLUMN}.
 *
 * <pre>{@code
 * NumericFeatures numeric = NumericFeatures.of(LabDataset.HOUSE_PRICES);
 * PipelineStage[] preparation = numeric.stages(); // Imputer, VectorAssembler: put a predictor after them
 * StructType inputs = numeric.schema();           // what the fitted pipeline reads: a model signature's inputs
 * }</pre>
 *
 * @param dataset the dataset whose columns these are
 */
public record NumericFeatures(LabDataset dataset) {

    /** The vector column the stages write, the default features column of Spark's predictors. */
    public static final String FEATURES_COLUMN = "features";

    /** The suffix of the imputed copy of each column. */
    public static final String IMPUTED_SUFFIX = "_imputed";

    /** The numeric features of a dataset. */
    public static NumericFeatures of(LabDataset dataset) {
        return new NumericFeatures(dataset);
    }

    /** The long and double columns but the label, in the order of the CSV header. */
    public List<String> columns() {
        return dataset.columns().stream()
                .filter(column -> column.type() == ColumnType.LONG || column.type() == ColumnType.DOUBLE)
                .map(DatasetColumn::name)
                .filter(name -> !name.equals(dataset.labelColumn()))
                .toList();
    }

    /** The Spark schema of {@link #columns()}, as the dataset's schema types them. */
    public StructType schema() {
        StructType all = dataset.schema();
        return new StructType(columns().stream().map(all::apply).toArray(StructField[]::new));
    }

    /**
     * New, unfitted stages: an {@link Imputer} (median) from each column to its {@value #IMPUTED_SUFFIX} copy, then a
     * {@link VectorAssembler} of the copies into {@value #FEATURES_COLUMN}.
     */
    public PipelineStage[] stages() {
        String[] columns = columns().toArray(String[]::new);
        String[] imputed = columns().stream().map(name -> name + IMPUTED_SUFFIX).toArray(String[]::new);
        return new PipelineStage[] {
            new Imputer().setStrategy("median").setInputCols(columns).setOutputCols(imputed),
            new VectorAssembler().setInputCols(imputed).setOutputCol(FEATURES_COLUMN)
        };
    }
}
