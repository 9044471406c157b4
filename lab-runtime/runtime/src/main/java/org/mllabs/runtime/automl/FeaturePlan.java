package org.mllabs.runtime.automl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How AutoML turns the profiled columns into the {@value #FEATURES_COLUMN} vector: numeric columns imputed with their
 * median into {@code <column>_imputed}; categorical columns indexed into {@code <column>_index} and one-hot encoded
 * into {@code <column>_onehot}, a missing or unseen value kept as a category of its own; all of them assembled.
 * Every trial's pipeline starts with {@link #stages()}, and its generated source builds the same stages.
 *
 * @param numericColumns the numeric feature columns
 * @param categoricalColumns the categorical feature columns
 */
public record FeaturePlan(List<String> numericColumns, List<String> categoricalColumns) {

    /** The vector column the plan writes, the predictors' default features column. */
    public static final String FEATURES_COLUMN = "features";

    /** Copies the lists; a plan needs at least one feature. */
    public FeaturePlan {
        numericColumns = List.copyOf(numericColumns);
        categoricalColumns = List.copyOf(categoricalColumns);
        if (numericColumns.isEmpty() && categoricalColumns.isEmpty()) {
            throw new IllegalArgumentException("AutoML found no feature to use: every column was dropped");
        }
    }

    /** New, unfitted stages: imputer, indexer and encoder where there are columns for them, then the assembler. */
    public PipelineStage[] stages() {
        List<PipelineStage> stages = new ArrayList<>();
        List<String> features = new ArrayList<>();
        if (!numericColumns.isEmpty()) {
            String[] imputed = suffixed(numericColumns, "_imputed");
            stages.add(new Imputer().setStrategy("median").setInputCols(numericColumns.toArray(String[]::new))
                    .setOutputCols(imputed));
            features.addAll(List.of(imputed));
        }
        if (!categoricalColumns.isEmpty()) {
            String[] indexed = suffixed(categoricalColumns, "_index");
            String[] encoded = suffixed(categoricalColumns, "_onehot");
            stages.add(new StringIndexer().setInputCols(categoricalColumns.toArray(String[]::new))
                    .setOutputCols(indexed).setHandleInvalid("keep"));
            stages.add(new OneHotEncoder().setInputCols(indexed).setOutputCols(encoded).setHandleInvalid("keep"));
            features.addAll(List.of(encoded));
        }
        stages.add(new VectorAssembler().setInputCols(features.toArray(String[]::new)).setOutputCol(FEATURES_COLUMN));
        return stages.toArray(PipelineStage[]::new);
    }

    /** The columns a fitted pipeline reads, typed as in the data's schema: a model signature's inputs. */
    public StructType inputSchema(StructType dataSchema) {
        return new StructType(Stream.concat(numericColumns.stream(), categoricalColumns.stream())
                .map(dataSchema::apply).toArray(StructField[]::new));
    }

    private static String[] suffixed(List<String> columns, String suffix) {
        return columns.stream().map(column -> column + suffix).toArray(String[]::new);
    }
}
