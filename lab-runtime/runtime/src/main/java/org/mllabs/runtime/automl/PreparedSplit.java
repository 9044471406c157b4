package org.mllabs.runtime.automl;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training and validation parts with the feature stages fitted once, on the training part, and both parts
 * prepared by them and cached: every trial fits only its estimator, on rows whose features are already assembled.
 * The stages are deterministic (medians, category indexes), so a trial's generated source, which fits them again on
 * the same rows, gets the same features.
 *
 * @param features the fitted feature stages
 * @param rawTrain the training part as loaded
 * @param train the training part with its features
 * @param validation the validation part with its features
 */
record PreparedSplit(PipelineModel features, Dataset<Row> rawTrain, Dataset<Row> train, Dataset<Row> validation) {

    /**
     * Fits the plan's stages on the training part of the split and prepares both parts, cached and materialized here
     * rather than in the first trial (which a budget may stop).
     */
    static PreparedSplit of(FeaturePlan plan, Dataset<Row>[] split) {
        PipelineModel features = new Pipeline().setStages(plan.stages()).fit(split[0]);
        Dataset<Row> train = features.transform(split[0]).cache();
        Dataset<Row> validation = features.transform(split[1]).cache();
        train.count();
        validation.count();
        return new PreparedSplit(features, split[0], train, validation);
    }

    /** Drops the cached parts. */
    void unpersist() {
        train.unpersist();
        validation.unpersist();
    }
}
