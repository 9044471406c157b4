/**
 * AutoML on Spark MLlib, the counterpart of Databricks AutoML. {@link org.mllabs.runtime.automl.AutoMl} profiles the
 * data ({@link org.mllabs.runtime.automl.DataProfiler}: column types, missing ratios, cardinality, label balance, and
 * a {@link org.mllabs.runtime.automl.ColumnRole} per column), searches the estimators of
 * {@link org.mllabs.runtime.automl.EstimatorFamily} with TPE under a time budget, logs every trial as a child run
 * with its model and the Java source that reproduces it, and returns an
 * {@link org.mllabs.runtime.automl.AutoMlResult} with the {@link org.mllabs.runtime.automl.Leaderboard}.
 * {@link org.mllabs.runtime.automl.AutoMlRun} holds a run's settings and
 * {@link org.mllabs.runtime.automl.TrainingData} the data with the code that loads it again.
 */
package org.mllabs.runtime.automl;
