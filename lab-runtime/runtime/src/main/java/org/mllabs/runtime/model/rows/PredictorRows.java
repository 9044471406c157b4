package org.mllabs.runtime.model.rows;

import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.apache.spark.ml.PredictionModel;
import org.apache.spark.ml.classification.ClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.sql.types.DataTypes;

/**
 * A predictor's {@code transform}, a row at a time, through the model's own per-row methods, the ones its
 * {@code transform} calls to fill the prediction column: for a classifier with a raw prediction column (the default)
 * {@code raw2prediction(predictRaw(features))}, with only a probability column
 * {@code probability2prediction(predictProbability(features))}, otherwise, and for a regressor, {@code predict}. So
 * thresholds are applied as Spark applies them, and the arithmetic is the model's. A null features vector, on which
 * Spark raises an error, is Spark's.
 */
final class PredictorRows implements RowStage {

    /** The predictors whose {@code transform} fills the prediction column through the methods above. */
    private static final Set<Class<?>> SUPPORTED = Set.of(LogisticRegressionModel.class,
            DecisionTreeClassificationModel.class, RandomForestClassificationModel.class, GBTClassificationModel.class,
            LinearRegressionModel.class, DecisionTreeRegressionModel.class, RandomForestRegressionModel.class,
            GBTRegressionModel.class);

    private final String features;
    private final String prediction;
    private final ToDoubleFunction<Vector> predict;

    private PredictorRows(String features, String prediction, ToDoubleFunction<Vector> predict) {
        this.features = features;
        this.prediction = prediction;
        this.predict = predict;
    }

    static boolean supports(Object stage) {
        return SUPPORTED.contains(stage.getClass());
    }

    @SuppressWarnings("unchecked")
    static RowStage of(PredictionModel<?, ?> model, Map<String, RowColumn> columns) throws UnsupportedStageException {
        if (!RowColumn.read(columns, model.getFeaturesCol(), model).isVector()) {
            throw new UnsupportedStageException(model.uid() + " predicts from " + model.getFeaturesCol()
                    + ", not a vector");
        }
        ToDoubleFunction<Vector> predict;
        if (model instanceof ClassificationModel<?, ?> classifier && !classifier.getRawPredictionCol().isEmpty()) {
            ClassificationModel<Vector, ?> raw = (ClassificationModel<Vector, ?>) classifier;
            predict = features -> raw.raw2prediction(raw.predictRaw(features));
        } else if (model instanceof ProbabilisticClassificationModel<?, ?> classifier
                && !classifier.getProbabilityCol().isEmpty()) {
            ProbabilisticClassificationModel<Vector, ?> probabilistic =
                    (ProbabilisticClassificationModel<Vector, ?>) classifier;
            predict = features -> probabilistic.probability2prediction(probabilistic.predictProbability(features));
        } else {
            PredictionModel<Vector, ?> plain = (PredictionModel<Vector, ?>) model;
            predict = plain::predict;
        }
        if (model instanceof ProbabilisticClassificationModel<?, ?> classifier && classifier.isDefined(
                classifier.thresholds()) && classifier.getThresholds().length != classifier.numClasses()) {
            throw new UnsupportedStageException(model.uid() + " has thresholds for another number of classes");
        }
        columns.put(model.getPredictionCol(), RowColumn.unknownScalar(DataTypes.DoubleType));
        return new PredictorRows(model.getFeaturesCol(), model.getPredictionCol(), predict);
    }

    @Override
    public boolean apply(Map<String, Object> row) {
        Vector vector = (Vector) row.get(features);
        if (vector == null) {
            return false;
        }
        row.put(prediction, predict.applyAsDouble(vector));
        return true;
    }
}
