/**
 * The grader of lab 02, feature engineering pipeline: {@link org.mllabs.graders.lab02.FeaturePipelineGrader} checks
 * each step on what the MLflow server holds, read once by {@link org.mllabs.graders.lab02.FeaturePipelineEvidence}:
 * {@link org.mllabs.graders.lab02.StageChecks} follows the logged pipeline's columns from stage to stage, and
 * {@link org.mllabs.graders.lab02.LeakageCheck} compares the statistics its stages learnt
 * ({@link org.mllabs.graders.lab02.FittedStatistic}) with the training split's and the whole data's.
 */
package org.mllabs.graders.lab02;
