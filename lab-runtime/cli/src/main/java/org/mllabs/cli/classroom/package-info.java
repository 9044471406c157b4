/**
 * Grading a whole class: {@code lab grade-all}.
 *
 * <p>{@link org.mllabs.cli.classroom.ClassGrading} grades learners several at a time and writes each result to a
 * {@link org.mllabs.cli.classroom.Gradebook} as soon as it is known, so an interrupted batch resumes where it stopped.
 * Learners come from the MLflow server ({@link org.mllabs.cli.classroom.ServerLearners}) or from a folder of
 * checkouts ({@link org.mllabs.cli.classroom.SubmissionFolder}); a checkout's lab code runs in a child JVM with a
 * time and memory limit ({@link org.mllabs.cli.classroom.SubmissionRun}), in a sandbox out of reach of the
 * instructor's files and processes, as an unprivileged user of its own where it can
 * ({@link org.mllabs.cli.classroom.SubmissionSandbox}), in a mount namespace where the instructor's folders are empty
 * ({@link org.mllabs.cli.classroom.PrivateMounts}), with no grader on its class path
 * ({@link org.mllabs.cli.classroom.GraderCode}), and is always graded in the instructor's process with the
 * instructor's graders, never the submission's. An outage of the server stops the batch
 * ({@link org.mllabs.cli.classroom.BatchStop}) and is never a learner's 0.
 */
package org.mllabs.cli.classroom;
