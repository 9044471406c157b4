/**
 * Features made from the lab datasets, shared by labs and graders so that both name the same columns:
 * {@link org.mllabs.runtime.features.NumericFeatures} imputes a dataset's numeric columns and assembles them into one
 * vector column; {@link org.mllabs.runtime.features.FeatureSetClassifier} is the logistic regression the labs that
 * register several candidates train on a set of a dataset's columns.
 */
package org.mllabs.runtime.features;
