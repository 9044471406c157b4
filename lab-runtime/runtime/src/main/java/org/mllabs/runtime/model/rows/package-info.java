/**
 * A per-row scoring path for fitted Spark ML pipelines: {@link org.mllabs.runtime.model.rows.RowPipeline} scores one
 * row at a time, in microseconds and without a Spark job, and gives exactly the {@code prediction} Spark's
 * {@code PipelineModel.transform} gives. The feature transformers it knows (string indexer, one-hot encoder, imputer,
 * vector assembler, interaction, standard scaler) are rewritten here from Spark's own source; the predictors
 * (logistic and linear regression, decision trees, random forests and gradient-boosted trees) answer through Spark's
 * own per-row methods, the ones {@code transform} calls, so the model's arithmetic is Spark's. A pipeline with any
 * other stage is refused whole ({@link org.mllabs.runtime.model.rows.UnsupportedStageException}); a row on which
 * Spark would raise an error or which it would leave out gets no answer: Spark's {@code transform} must score it, so
 * that the answer, or the error, is Spark's.
 */
package org.mllabs.runtime.model.rows;
