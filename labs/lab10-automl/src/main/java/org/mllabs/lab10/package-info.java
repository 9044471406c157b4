/**
 * Lab 10, AutoML. {@link org.mllabs.lab10.AutoMlLab} is given and runs the lab; {@link org.mllabs.lab10.AutoMlSteps}
 * holds the steps the learner writes (its solution is in the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab10;
