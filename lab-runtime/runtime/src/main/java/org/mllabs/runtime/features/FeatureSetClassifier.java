package org.mllabs.runtime.features;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.model.ModelSignature;

/**
 * A logistic regression on a set of a lab dataset's columns, as the labs that register several candidate models
 * train them: its numeric columns imputed ({@code <column>_imputed}, the mean), each categorical column indexed
 * ({@code <column>_index}, unseen labels kept) and one-hot encoded ({@code <column>_onehot}), all assembled into
 * {@code features}; and the signature of such a model, the columns with the dataset's types.
 *
 * @param dataset the dataset whose label the model predicts and whose schema gives the columns' types
 * @param numeric the numeric columns
 * @param categorical the categorical columns
 */
public record FeatureSetClassifier(LabDataset dataset, List<String> numeric, List<String> categorical) {

    public FeatureSetClassifier {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
    }

    /** The pipeline to fit: imputer, indexers and encoders, assembler, logistic regression (30 iterations, 0.01). */
    public Pipeline pipeline() {
        List<PipelineStage> stages = new ArrayList<>();
        List<String> assembled = new ArrayList<>();
        if (!numeric.isEmpty()) {
            String[] imputed = numeric.stream().map(column -> column + "_imputed").toArray(String[]::new);
            stages.add(new Imputer().setInputCols(numeric.toArray(String[]::new)).setOutputCols(imputed));
            assembled.addAll(List.of(imputed));
        }
        for (String column : categorical) {
            stages.add(new StringIndexer().setInputCol(column).setOutputCol(column + "_index")
                    .setHandleInvalid("keep"));
            stages.add(new OneHotEncoder().setInputCol(column + "_index").setOutputCol(column + "_onehot"));
            assembled.add(column + "_onehot");
        }
        stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol("features"));
        stages.add(new LogisticRegression().setLabelCol(dataset.labelColumn()).setMaxIter(30).setRegParam(0.01));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    /** The signature of the fitted model: the numeric then the categorical columns, a double {@code prediction}. */
    public ModelSignature signature() {
        List<String> columns = new ArrayList<>(numeric);
        columns.addAll(categorical);
        StructType inputs = new StructType(columns.stream().map(column -> dataset.schema().apply(column))
                .toArray(StructField[]::new));
        return ModelSignature.infer(inputs, new StructType().add("prediction", DataTypes.DoubleType, false));
    }
}
