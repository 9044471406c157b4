package org.mllabs.runtime.automl;

import java.nio.file.Path;

/**
 * What a successful trial fitted, kept by the objective until the trial's run exists and its model is logged. The
 * model is already written to a local directory ({@code SparkModelLogger.save}), inside the trial's time and its
 * Spark job group, so that logging it afterwards runs no Spark job.
 *
 * @param family the estimator family
 * @param pipeline the pipeline's specification
 * @param savedModel the fitted pipeline, written for logging
 * @param metric its metric on the validation part
 */
record FittedTrial(EstimatorFamily family, TrialPipeline pipeline, Path savedModel, double metric) {
}
