/**
 * Lab 01, MLflow tracking. {@link org.mllabs.lab01.TrackingLab} is given and runs the sweep;
 * {@link org.mllabs.lab01.TrackingSteps} holds the steps the learner writes (its solution is in the mirrored tree
 * {@code src/solution/java}).
 */
package org.mllabs.lab01;
