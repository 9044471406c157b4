/**
 * Lab 06, the model registry and aliases. {@link org.mllabs.lab06.RegistryLab} is given: it trains and logs three
 * churn models and calls the steps; {@link org.mllabs.lab06.RegistrySteps} holds the steps the learner writes (its
 * solution is in the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab06;
