package org.mllabs.lab02;

import static org.mllabs.lab02.FeatureColumns.CATEGORICAL;
import static org.mllabs.lab02.FeatureColumns.CONTRACT_X_CHARGES;
import static org.mllabs.lab02.FeatureColumns.FEATURES;
import static org.mllabs.lab02.FeatureColumns.KEY;
import static org.mllabs.lab02.FeatureColumns.LABEL;
import static org.mllabs.lab02.FeatureColumns.MODEL_INPUTS;
import static org.mllabs.lab02.FeatureColumns.NUMERIC_WITH_MISSING;
import static org.mllabs.lab02.FeatureColumns.SCALED_FEATURES;
import static org.mllabs.lab02.FeatureColumns.TENURE;
import static org.mllabs.lab02.FeatureColumns.encoded;
import static org.mllabs.lab02.FeatureColumns.imputed;
import static org.mllabs.lab02.FeatureColumns.names;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.lab02.FeatureEngineeringLab.Split;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 02, reference solution of the steps.
 */
final class FeatureSteps {

    private final LabContext context;
    private final String runId;
    private final Dataset<Row> churn;

    /**
     * @param context what the lab works with
     * @param runId the run to log to
     * @param churn the whole customer churn data, as loaded
     */
    FeatureSteps(LabContext context, String runId, Dataset<Row> churn) {
        this.context = context;
        this.runId = runId;
        this.churn = churn;
    }

    /** Step 1: splits the churn data 80/20 with the lab's seed, and records the training split in the run. */
    Split split() {
        // DONE lab02.step1
        double trainFraction = FeatureEngineeringLab.TRAIN_FRACTION;
        Dataset<Row>[] parts = churn.randomSplit(new double[] {trainFraction, 1 - trainFraction},
                FeatureEngineeringLab.SPLIT_SEED);
        Split split = new Split(parts[0].cache(), parts[1].cache());
        MlflowClient mlflow = context.tracking();
        mlflow.logParam(runId, "split_seed", String.valueOf(FeatureEngineeringLab.SPLIT_SEED));
        mlflow.logParam(runId, "train_fraction", String.valueOf(trainFraction));
        List<String> trainKeys = split.train().select(KEY).as(Encoders.STRING()).collectAsList();
        context.mlflow().artifacts().upload(runId, FeatureEngineeringLab.TRAIN_KEYS_ARTIFACT,
                String.join("\n", trainKeys).getBytes(StandardCharsets.UTF_8));
        context.log("Split: " + trainKeys.size() + " training rows, recorded in "
                + FeatureEngineeringLab.TRAIN_KEYS_ARTIFACT);
        return split;
    }

    /** Step 2: an Imputer that fills the missing numeric values with the column's mean. */
    Imputer imputer() {
        // DONE lab02.step2
        return new Imputer()
                .setInputCols(NUMERIC_WITH_MISSING.toArray(String[]::new))
                .setOutputCols(names(NUMERIC_WITH_MISSING, FeatureColumns::imputed))
                .setStrategy("mean");
    }

    /** Step 3: a StringIndexer of the categorical columns that keeps unseen and missing labels. */
    StringIndexer indexer() {
        // DONE lab02.step3
        return new StringIndexer()
                .setInputCols(CATEGORICAL.toArray(String[]::new))
                .setOutputCols(names(CATEGORICAL, FeatureColumns::indexed))
                .setHandleInvalid("keep");
    }

    /** Step 3: a OneHotEncoder of the indexed categorical columns. */
    OneHotEncoder encoder() {
        // DONE lab02.step3
        return new OneHotEncoder()
                .setInputCols(names(CATEGORICAL, FeatureColumns::indexed))
                .setOutputCols(names(CATEGORICAL, FeatureColumns::encoded));
    }

    /** Step 4: the interaction of the contract's one-hot vector and the imputed monthly charges. */
    Interaction interaction() {
        // DONE lab02.step4
        return new Interaction()
                .setInputCols(new String[] {encoded("contract"), imputed("monthly_charges")})
                .setOutputCol(CONTRACT_X_CHARGES);
    }

    /** Step 5: a VectorAssembler of every feature into one vector. */
    VectorAssembler assembler() {
        // DONE lab02.step5
        List<String> inputs = new ArrayList<>();
        inputs.add(TENURE);
        NUMERIC_WITH_MISSING.forEach(column -> inputs.add(imputed(column)));
        CATEGORICAL.forEach(column -> inputs.add(encoded(column)));
        inputs.add(CONTRACT_X_CHARGES);
        return new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol(FEATURES);
    }

    /** Step 5: a StandardScaler of the assembled vector. */
    StandardScaler scaler() {
        // DONE lab02.step5
        return new StandardScaler().setInputCol(FEATURES).setOutputCol(SCALED_FEATURES);
    }

    /** Step 6: one Pipeline of the stages, in order, and a classifier, fitted on the training split only. */
    PipelineModel fit(Split split, Imputer imputer, StringIndexer indexer, OneHotEncoder encoder,
                      Interaction interaction, VectorAssembler assembler, StandardScaler scaler) {
        // DONE lab02.step6
        LogisticRegression classifier = new LogisticRegression()
                .setLabelCol(LABEL)
                .setFeaturesCol(SCALED_FEATURES)
                .setMaxIter(FeatureEngineeringLab.MAX_ITER);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            imputer, indexer, encoder, interaction, assembler, scaler, classifier
        });
        return pipeline.fit(split.train());
    }

    /** Step 7: logs the fitted pipeline under model/ with its signature, and its AUC on the test split. */
    void logModel(PipelineModel model, Split split) {
        // DONE lab02.step7
        Dataset<Row> predictions = model.transform(split.test());
        double testAuc = new BinaryClassificationEvaluator()
                .setLabelCol(LABEL)
                .setMetricName("areaUnderROC")
                .evaluate(predictions);
        context.tracking().logMetric(runId, "test_auc", testAuc);
        ModelSignature signature = ModelSignature.infer(
                split.test().selectExpr(MODEL_INPUTS.toArray(String[]::new)).schema(),
                predictions.select("prediction").schema());
        context.models().log(runId, "model", model, signature);
        context.log(String.format(Locale.ROOT, "Logged the pipeline under model/; test AUC %.4f", testAuc));
    }
}
