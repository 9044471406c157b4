/**
 * Lab 08, Feature Store. {@link org.mllabs.lab08.FeatureStoreLab} is given: it prepares the customers' feature
 * snapshots, labels and keys to score ({@link org.mllabs.runtime.datasets.CustomerHistory}), trains the model and
 * records the run; {@link org.mllabs.lab08.FeatureStoreSteps} holds the steps the learner writes (its solution is in
 * the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab08;
