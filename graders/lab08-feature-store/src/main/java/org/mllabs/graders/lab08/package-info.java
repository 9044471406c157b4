/**
 * The grader of lab 08, Feature Store: {@link org.mllabs.graders.lab08.FeatureStoreGrader} checks each step from the
 * learner's Delta tables, read with the Delta Kernel, and from the MLflow run, both read once by
 * {@link org.mllabs.graders.lab08.FeatureStoreEvidence}; {@link org.mllabs.graders.lab08.FeatureHistory} recomputes
 * point-in-time lookups from a feature table's rows.
 */
package org.mllabs.graders.lab08;
