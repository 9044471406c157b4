/**
 * Lab 04, hyperparameter tuning. {@link org.mllabs.lab04.TuningLab} is given: it builds the pipeline, fits the two
 * tuners and tracks each as a parent run; {@link org.mllabs.lab04.TuningSteps} holds the steps the learner writes (its
 * solution is in the mirrored tree {@code src/solution/java}); {@link org.mllabs.lab04.Candidate} is what step 4
 * hands to step 7.
 */
package org.mllabs.lab04;
