package org.mllabs.lab05;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.model.ModelSignature;

/**
 * The three models of the lab, one MLflow run each: what they predict, from which columns, with which estimator, and
 * how they are evaluated. Missing numbers are filled with the training mean; categories are one-hot encoded, a
 * missing category counting as a category of its own.
 */
enum EvaluationTask {

    /** Whether a customer churns: binary classification, judged by the area under the ROC curve. */
    CHURN("churn-binary", LabDataset.CUSTOMER_CHURN, "churned", "churned", "roc_auc",
            List.of("tenure_months", "monthly_charges", "total_charges", "support_calls"),
            List.of("contract", "payment_method")) {
        @Override
        PipelineStage estimator() {
            return new LogisticRegression().setLabelCol(labelColumn()).setMaxIter(20).setRegParam(0.01);
        }

        @Override
        Map<String, Double> evaluate(EvaluationSteps steps, PipelineModel model, Split split) {
            return steps.binaryMetrics(model, split, labelColumn());
        }

        @Override
        PipelineModel baseline(EvaluationSteps steps, Dataset<Row> train) {
            return steps.majorityClassBaseline(train, labelColumn());
        }
    },

    /**
     * A customer's contract from the rest of the record: three classes, judged by F1. The label is the contract
     * indexed in alphabetical order: 0 month-to-month, 1 one-year, 2 two-year.
     */
    CONTRACT("contract-multiclass", LabDataset.CUSTOMER_CHURN, EvaluationTask.CONTRACT_INDEX, "contract", "f1",
            List.of("tenure_months", "monthly_charges", "total_charges", "support_calls", "churned"),
            List.of("payment_method")) {
        @Override
        PipelineStage estimator() {
            return new LogisticRegression().setLabelCol(labelColumn()).setFamily("multinomial").setMaxIter(20)
                    .setRegParam(0.01);
        }

        @Override
        Map<String, Double> evaluate(EvaluationSteps steps, PipelineModel model, Split split) {
            return steps.multiclassMetrics(model, split, labelColumn());
        }

        @Override
        PipelineModel baseline(EvaluationSteps steps, Dataset<Row> train) {
            return steps.majorityClassBaseline(train, labelColumn());
        }
    },

    /** A house's price: regression, judged by the root mean squared error. The split is a random one. */
    PRICE("price-regression", LabDataset.HOUSE_PRICES, "price", null, "rmse",
            List.of("distance_to_center_km", "living_area_sqm", "lot_area_sqm", "bedrooms", "bathrooms", "year_built",
                    "has_garage"),
            List.of("neighbourhood", "condition", "heating")) {
        @Override
        PipelineStage estimator() {
            return new RandomForestRegressor().setLabelCol(labelColumn()).setNumTrees(20).setMaxDepth(10)
                    .setSeed(SEED);
        }

        @Override
        Map<String, Double> evaluate(EvaluationSteps steps, PipelineModel model, Split split) {
            return steps.regressionMetrics(model, split, labelColumn());
        }

        @Override
        PipelineModel baseline(EvaluationSteps steps, Dataset<Row> train) {
            return steps.meanBaseline(train, labelColumn());
        }
    };

    /** The column the multiclass model predicts: {@code contract} indexed alphabetically. */
    static final String CONTRACT_INDEX = "contract_index";

    private static final long SEED = 42L;

    private final String runName;
    private final LabDataset dataset;
    private final String labelColumn;
    private final String stratumColumn;
    private final String primaryMetric;
    private final List<String> numericFeatures;
    private final List<String> categoricalFeatures;

    EvaluationTask(String runName, LabDataset dataset, String labelColumn, String stratumColumn, String primaryMetric,
                   List<String> numericFeatures, List<String> categoricalFeatures) {
        this.runName = runName;
        this.dataset = dataset;
        this.labelColumn = labelColumn;
        this.stratumColumn = stratumColumn;
        this.primaryMetric = primaryMetric;
        this.numericFeatures = numericFeatures;
        this.categoricalFeatures = categoricalFeatures;
    }

    /** The name of the task's MLflow run. */
    String runName() {
        return runName;
    }

    /** The dataset the task learns from. */
    LabDataset dataset() {
        return dataset;
    }

    /** The column the model predicts and the evaluators compare with. */
    String labelColumn() {
        return labelColumn;
    }

    /** The column whose classes the split keeps in proportion; empty for a random split. */
    Optional<String> stratumColumn() {
        return Optional.ofNullable(stratumColumn);
    }

    /** The metric that decides whether the model beats its baseline. */
    String primaryMetric() {
        return primaryMetric;
    }

    /** The model's estimator, the last stage of its pipeline. */
    abstract PipelineStage estimator();

    /** The model's metrics on the split's test rows, by the evaluators of the task's step. */
    abstract Map<String, Double> evaluate(EvaluationSteps steps, PipelineModel model, Split split);

    /** The baseline of step 6 that suits the task, built from the training rows. */
    abstract PipelineModel baseline(EvaluationSteps steps, Dataset<Row> train);

    /** Fits the task's pipeline: fill missing numbers, encode categories, assemble the features, then the estimator. */
    PipelineModel fit(Dataset<Row> train) {
        List<String> filled = numericFeatures.stream().map(name -> name + "_filled").toList();
        List<String> indexed = categoricalFeatures.stream().map(name -> name + "_indexed").toList();
        List<String> encoded = categoricalFeatures.stream().map(name -> name + "_encoded").toList();
        List<String> assembled = new ArrayList<>(filled);
        assembled.addAll(encoded);
        return new Pipeline().setStages(new PipelineStage[] {
            new Imputer().setInputCols(numericFeatures.toArray(String[]::new))
                    .setOutputCols(filled.toArray(String[]::new)),
            new StringIndexer().setInputCols(categoricalFeatures.toArray(String[]::new))
                    .setOutputCols(indexed.toArray(String[]::new)).setHandleInvalid("keep"),
            new OneHotEncoder().setInputCols(indexed.toArray(String[]::new))
                    .setOutputCols(encoded.toArray(String[]::new)),
            new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol("features"),
            estimator()
        }).fit(train);
    }

    /** What the model and its baseline take, the task's feature columns, and what they return, a prediction. */
    ModelSignature signature() {
        List<String> features = new ArrayList<>(numericFeatures);
        features.addAll(categoricalFeatures);
        StructType inputs = new StructType(features.stream()
                .map(name -> dataset.schema().apply(name)).toArray(StructField[]::new));
        return ModelSignature.infer(inputs, new StructType().add("prediction", DataTypes.DoubleType, false));
    }
}
