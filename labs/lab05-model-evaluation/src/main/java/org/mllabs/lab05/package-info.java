/**
 * Lab 05, model evaluation. {@link org.mllabs.lab05.EvaluationLab} is given: it opens one run per
 * {@link org.mllabs.lab05.EvaluationTask}, trains the models and logs them; {@link org.mllabs.lab05.EvaluationSteps}
 * holds the steps the learner writes (its solution is in the mirrored tree {@code src/solution/java}).
 */
package org.mllabs.lab05;
