/**
 * The grader of lab 08, Feature Store: {@link org.mllabs.graders.lab08.FeatureStoreGrader} checks each step from the
 * learner's Delta tables, read with the Delta Kernel, and from the MLflow run, against what the lab hands the steps
 * as regenerated here ({@link org.mllabs.runtime.datasets.CustomerHistory}), all read once by
 * {@link org.mllabs.graders.lab08.FeatureStoreEvidence};
 * {@link org.mllabs.graders.lab08.FeatureHistory} redoes lookups from a version's rows,
 * {@link org.mllabs.graders.lab08.TableVersions} holds a lineage's version against the training rows,
 * {@link org.mllabs.graders.lab08.FittedMeans} tells what rows the logged model was fitted on and
 * {@link org.mllabs.graders.lab08.Rescoring} re-scores the keys with it.
 */
package org.mllabs.graders.lab08;
