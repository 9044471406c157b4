package org.mllabs.runtime.automl;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one AutoML trial fits and how it is scored: the feature stages, the estimator with the trial's values, and the
 * evaluator of the run's metric. {@link TrialSource} writes the same as Java source.
 *
 * @param features the feature stages
 * @param estimator the estimator
 * @param evaluator the evaluator of the run's metric
 */
record TrialPipeline(FeaturePlan features, StageSpec estimator, StageSpec evaluator) {

    /** Fits the pipeline on the training rows. */
    PipelineModel fit(Dataset<Row> train) {
        List<PipelineStage> stages = new ArrayList<>(List.of(features.stages()));
        stages.add((PipelineStage) estimator.build());
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);
    }

    /** The metric of a fitted pipeline on the rows. */
    double evaluate(PipelineModel model, Dataset<Row> rows) {
        return ((Evaluator) evaluator.build()).evaluate(model.transform(rows));
    }
}
