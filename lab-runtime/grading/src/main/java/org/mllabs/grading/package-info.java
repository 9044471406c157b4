/**
 * What every grader is made of.
 *
 * <p>A {@link org.mllabs.grading.Grader} lists {@link org.mllabs.grading.Check}s; each has the id of the README step it
 * grades, points, the checks it depends on and a rule that looks at the learner's work from the outside (the MLflow
 * server over REST, artifacts downloaded from it) and returns a {@link org.mllabs.grading.CheckResult} whose text says
 * what it found. {@link org.mllabs.grading.Grading} runs the checks: a check whose prerequisite did not pass is
 * skipped, not failed, and a rule that throws fails its check with the reason rather than ending the grade.
 * A grader may also draw {@link org.mllabs.grading.Figure}s of the work, after its checks.
 * {@link org.mllabs.grading.ConsoleReport} prints the result; {@link org.mllabs.grading.report} writes it as files.
 *
 * <p>A grade reads through a {@link org.mllabs.grading.GradingContext}. The Spark session that re-scores models
 * ({@link org.mllabs.grading.GradingSpark}) and the threads that load them ({@link org.mllabs.grading.ModelLoaders})
 * belong to a {@link org.mllabs.grading.GradingSession}, made where a grading starts and closed once where it ends: a
 * class graded in one process shares one, and a single grade is a session of its own, closed with its context.
 */
package org.mllabs.grading;
