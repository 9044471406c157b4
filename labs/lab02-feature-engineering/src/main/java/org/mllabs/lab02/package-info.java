/**
 * Lab 02, feature engineering pipeline. {@link org.mllabs.lab02.FeatureEngineeringLab} is given and calls the steps;
 * {@link org.mllabs.lab02.FeatureColumns} names the columns; {@link org.mllabs.lab02.FeatureSteps} holds the steps the
 * learner writes (its solution is in the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab02;
