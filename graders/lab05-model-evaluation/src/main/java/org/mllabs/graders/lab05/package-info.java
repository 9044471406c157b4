/**
 * The grader of lab 05, model evaluation: {@link org.mllabs.graders.lab05.EvaluationGrader} lists a check per step,
 * which {@link org.mllabs.graders.lab05.SplitChecks}, {@link org.mllabs.graders.lab05.MetricChecks} and
 * {@link org.mllabs.graders.lab05.BaselineChecks} decide from what
 * {@link org.mllabs.graders.lab05.EvaluationEvidence} reads once: the runs of the three
 * {@link org.mllabs.graders.lab05.GradedTask}s, their test keys, and their models and baselines re-scored on held-out
 * data for every {@link org.mllabs.graders.lab05.GradedMetric}.
 */
package org.mllabs.graders.lab05;
