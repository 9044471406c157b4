/**
 * Lab 09, hyperparameter search with TPE. {@link org.mllabs.lab09.SearchLab} is given and runs the lab;
 * {@link org.mllabs.lab09.SearchSteps} holds the steps the learner writes (its solution is in the mirrored tree
 * {@code src/solution/java}). {@link org.mllabs.lab09.TrialModels}, {@link org.mllabs.lab09.SearchRun} and
 * {@link org.mllabs.lab09.Comparison} carry what one step hands to the next.
 */
package org.mllabs.lab09;
