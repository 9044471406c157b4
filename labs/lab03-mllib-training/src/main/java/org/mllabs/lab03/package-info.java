/**
 * Lab 03, training with MLlib. {@link org.mllabs.lab03.TrainingLab} is given: it loads and splits the data, trains
 * every estimator the learner chooses and logs each model; {@link org.mllabs.lab03.TrainingSteps} holds the steps the
 * learner writes (its solution is in the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab03;
