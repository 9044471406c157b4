package org.mllabs.runtime.automl;

import org.apache.spark.ml.PipelineModel;

/**
 * What a successful trial fitted, kept by the objective until the trial's run exists and its model is logged.
 *
 * @param family the estimator family
 * @param pipeline the pipeline's specification
 * @param model the fitted pipeline
 * @param metric its metric on the validation part
 */
record FittedTrial(EstimatorFamily family, TrialPipeline pipeline, PipelineModel model, double metric) {
}
