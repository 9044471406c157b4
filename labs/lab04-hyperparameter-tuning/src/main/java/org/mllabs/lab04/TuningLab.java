package org.mllabs.lab04;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.model.ModelSignature;
import scala.reflect.ClassTag$;

/**
 * Lab 04, given code: tunes a logistic regression on the customer churn data over one grid twice, with k-fold
 * cross-validation and with a single train/validation split, and tracks each tuning in MLflow as a parent run
 * ({@value #CROSS_VALIDATION_RUN}, {@value #TRAIN_VALIDATION_SPLIT_RUN}) with one nested run per candidate.
 *
 * <p>It builds the pipeline and the evaluator, asks {@link TuningSteps} for the grid and the two tuners (steps 1 to 3),
 * then for each tuner starts the parent run, logs the tuner's settings as params and its grid as
 * {@value #PARAM_GRID_FILE} and the keys of the rows each of its folds validates on (as the tuner draws them from its
 * seed) under {@value #VALIDATION_KEYS_DIRECTORY}/, fits the tuner (timed: the metric {@code fit_seconds}) and calls
 * steps 4 to 7 with what the fit returned. The parent run ends FINISHED, or FAILED when a step throws.
 * You do not need to change this class.
 */
public final class TuningLab implements LabExercise {

    /** The parent run of the cross-validation. */
    static final String CROSS_VALIDATION_RUN = "cross-validation";
    /** The parent run of the train/validation split. */
    static final String TRAIN_VALIDATION_SPLIT_RUN = "train-validation-split";
    /** The artifact of each parent run that lists its tuner's grid, one JSON object a grid point. */
    static final String PARAM_GRID_FILE = "param_grid.json";
    /**
     * The artifact directory of each parent run with the keys ({@value #KEY_COLUMN}) of the rows each fold validated
     * on, one file a fold ({@code fold-0.txt}, ...; the split has one), one key a line: the grader refits candidates
     * on exactly these folds.
     */
    static final String VALIDATION_KEYS_DIRECTORY = "validation_keys";
    /** The column that names a customer, carried through the tuning so that the folds can be recorded. */
    static final String KEY_COLUMN = "customer_id";
    /** The features the pipeline assembles. */
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");
    /** The seed of the folds and of the split, so that a second run draws the same ones. */
    static final long SEED = 42L;
    /** Iterations of the optimiser, the same for every candidate. */
    static final int MAX_ITER = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run(LabContext context) {
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        LogisticRegression regression = new LogisticRegression().setLabelCol(label).setMaxIter(MAX_ITER);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(FEATURES.toArray(String[]::new)).setOutputCol("features"),
            regression
        });
        BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator()
                .setLabelCol(label).setMetricName("areaUnderROC");

        TuningSteps steps = new TuningSteps(context);
        ParamMap[] grid = steps.paramGrid(regression);
        CrossValidator crossValidator = steps.crossValidator(pipeline, grid, evaluator);
        TrainValidationSplit trainValidationSplit = steps.trainValidationSplit(pipeline, grid, evaluator);

        List<String> columns = new ArrayList<>(FEATURES);
        columns.add(label);
        columns.add(KEY_COLUMN);
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN)
                .na().drop(FEATURES.toArray(String[]::new))
                .select(columns.stream().map(functions::col).toArray(Column[]::new))
                .cache();
        ModelSignature signature = ModelSignature.infer(churn.drop(label, KEY_COLUMN).schema(),
                new StructType().add("prediction", DataTypes.DoubleType, false));
        context.log("Tuning on " + churn.count() + " customers, " + grid.length + " candidates");

        TunerTracking tracking = new TunerTracking(context, steps, signature);
        tracking.track(CROSS_VALIDATION_RUN, crossValidatorSettings(crossValidator),
                crossValidator.getEstimatorParamMaps(), crossValidator.getEvaluator(),
                () -> crossValidationFolds(churn, crossValidator), () -> {
                    CrossValidatorModel model = crossValidator.fit(churn);
                    return new Tuned(model.avgMetrics(), model.bestModel());
                }, () -> steps.modelsFitted(crossValidator));
        tracking.track(TRAIN_VALIDATION_SPLIT_RUN, trainValidationSplitSettings(trainValidationSplit),
                trainValidationSplit.getEstimatorParamMaps(), trainValidationSplit.getEvaluator(),
                () -> List.of(validationPart(churn, trainValidationSplit)), () -> {
                    TrainValidationSplitModel model = trainValidationSplit.fit(churn);
                    return new Tuned(model.validationMetrics(), model.bestModel());
                }, () -> steps.modelsFitted(trainValidationSplit));
        churn.unpersist();
    }

    /**
     * The rows each fold of the cross-validator validates on, drawn as {@code CrossValidator.fit} draws them: {@code
     * MLUtils.kFold} of the same rows with the tuner's number of folds and seed.
     */
    private static List<Dataset<Row>> crossValidationFolds(Dataset<Row> rows, CrossValidator tuner) {
        return Arrays.stream(MLUtils.kFold(rows.rdd(), tuner.getNumFolds(), tuner.getSeed(),
                        ClassTag$.MODULE$.apply(Row.class)))
                .map(fold -> rows.sparkSession().createDataFrame(fold._2(), rows.schema())).toList();
    }

    /**
     * The rows the split validates on, drawn as {@code TrainValidationSplit.fit} draws them: {@code randomSplit} of the
     * same rows with the tuner's train ratio and seed.
     */
    private static Dataset<Row> validationPart(Dataset<Row> rows, TrainValidationSplit tuner) {
        return rows.randomSplit(new double[] {tuner.getTrainRatio(), 1 - tuner.getTrainRatio()}, tuner.getSeed())[1];
    }

    /** The rows' keys, one a line. */
    private static byte[] keys(Dataset<Row> rows) {
        List<String> keys = rows.select(KEY_COLUMN).as(Encoders.STRING()).collectAsList();
        return String.join("\n", keys).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a fitted tuner found: one metric a grid point, in the grid's order, and the best model refit on all data.
     */
    private record Tuned(double[] metrics, Model<?> bestModel) {
    }

    /** One tuning tracked as a parent run, with the steps that log its candidates, its cost and its best. */
    private record TunerTracking(LabContext context, TuningSteps steps, ModelSignature signature) {

        void track(String runName, Map<String, String> settings, ParamMap[] grid, Evaluator evaluator,
                   Supplier<List<Dataset<Row>>> folds, Supplier<Tuned> fit, IntSupplier modelsFitted) {
            LabRuns runs = new LabRuns(context);
            MlflowClient mlflow = context.tracking();
            String parentRunId = runs.start(runName);
            runs.finishAfter(parentRunId, () -> {
                settings.forEach((key, value) -> mlflow.logParam(parentRunId, key, value));
                mlflow.logParam(parentRunId, "grid_size", String.valueOf(grid.length));
                context.mlflow().artifacts().upload(parentRunId, PARAM_GRID_FILE, gridJson(grid));
                List<Dataset<Row>> validation = folds.get();
                for (int fold = 0; fold < validation.size(); fold++) {
                    context.mlflow().artifacts().upload(parentRunId, VALIDATION_KEYS_DIRECTORY + "/fold-" + fold
                            + ".txt", keys(validation.get(fold)));
                }
                long start = System.nanoTime();
                Tuned tuned = fit.get();
                double seconds = (System.nanoTime() - start) / 1e9;
                mlflow.logMetric(parentRunId, "fit_seconds", seconds);

                List<Candidate> candidates = steps.logCandidates(parentRunId, grid, tuned.metrics());
                int fitted = modelsFitted.getAsInt();
                mlflow.logMetric(parentRunId, "models_fitted", fitted);
                context.log(String.format(Locale.ROOT, "%s: %d models fitted in %.1f s", runName, fitted, seconds));
                steps.logBestModel(parentRunId, tuned.bestModel(), signature);
                steps.recordBest(parentRunId, candidates, evaluator);
                return parentRunId;
            });
        }
    }

    private static Map<String, String> crossValidatorSettings(CrossValidator tuner) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tuner", "CrossValidator");
        settings.put("num_folds", String.valueOf(tuner.getNumFolds()));
        settings.put("seed", String.valueOf(tuner.getSeed()));
        settings.put("metric", metricName(tuner.getEvaluator()));
        return settings;
    }

    private static Map<String, String> trainValidationSplitSettings(TrainValidationSplit tuner) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tuner", "TrainValidationSplit");
        settings.put("train_ratio", String.valueOf(tuner.getTrainRatio()));
        settings.put("seed", String.valueOf(tuner.getSeed()));
        settings.put("metric", metricName(tuner.getEvaluator()));
        return settings;
    }

    /** The evaluator's {@code metricName}, or its class when it has none. */
    private static String metricName(Evaluator evaluator) {
        return evaluator.hasParam("metricName")
                ? String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName")))
                : evaluator.getClass().getSimpleName();
    }

    /** The grid as a JSON array with one object a grid point: {@code {"elasticNetParam": 0.0, "regParam": 0.01}}. */
    private static byte[] gridJson(ParamMap[] grid) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (ParamMap point : grid) {
            Map<String, Object> values = new TreeMap<>();
            for (ParamPair<?> pair : point.toList()) {
                values.put(pair.param().name(), pair.value());
            }
            points.add(values);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(points);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
