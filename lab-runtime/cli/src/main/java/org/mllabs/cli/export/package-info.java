/**
 * The learner's copy of the repository: {@code lab export-student}. {@link org.mllabs.cli.export.StudentCopy} lists
 * the checkout's files ({@link org.mllabs.cli.export.RepositoryFiles}) and leaves out what would give the grading
 * away ({@link org.mllabs.cli.export.LeftOut}): reference solutions, hidden checks, grader tests and their mutants,
 * and any grading seed.
 */
package org.mllabs.cli.export;
