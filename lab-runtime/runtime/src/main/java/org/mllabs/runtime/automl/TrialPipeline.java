package org.mllabs.runtime.automl;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.Evaluator;

/**
 * What one AutoML trial fits and how it is scored: the feature stages, the estimator with the trial's values, and the
 * evaluator of the run's metric. {@link TrialSource} writes the same as Java source.
 *
 * @param features the feature stages
 * @param estimator the estimator
 * @param evaluator the evaluator of the run's metric
 */
record TrialPipeline(FeaturePlan features, StageSpec estimator, StageSpec evaluator) {

    /**
     * Fits the estimator on the prepared training part; the model is the fitted feature stages followed by the
     * estimator's model, so that it reads the data as loaded.
     */
    PipelineModel fit(PreparedSplit split) {
        Transformer model = ((Estimator<?>) estimator.build()).fit(split.train());
        // only transformers: Pipeline.fit checks the schema and wraps them, fitting nothing again
        return new Pipeline().setStages(new PipelineStage[] {split.features(), model}).fit(split.rawTrain());
    }

    /** The metric of a model {@link #fit} gave, on the prepared validation part. */
    double evaluate(PipelineModel model, PreparedSplit split) {
        Transformer estimatorModel = model.stages()[model.stages().length - 1];
        return ((Evaluator) evaluator.build()).evaluate(estimatorModel.transform(split.validation()));
    }
}
