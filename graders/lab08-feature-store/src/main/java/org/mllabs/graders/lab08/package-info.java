/**
 * The grader of lab 08, Feature Store: {@link org.mllabs.graders.lab08.FeatureStoreGrader} checks each step from the
 * learner's Delta tables, read with the Delta Kernel, from what the lab recorded as given to the steps, and from the
 * MLflow run, all read once by {@link org.mllabs.graders.lab08.FeatureStoreEvidence};
 * {@link org.mllabs.graders.lab08.FeatureHistory} redoes lookups from a version's rows,
 * {@link org.mllabs.graders.lab08.TableVersions} holds a lineage's version against the training rows,
 * {@link org.mllabs.graders.lab08.FittedMeans} tells what rows the logged model was fitted on and
 * {@link org.mllabs.graders.lab08.Rescoring} re-scores the keys with it.
 */
package org.mllabs.graders.lab08;
