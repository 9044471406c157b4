/**
 * What graders read of a learner's work from the outside: {@link org.mllabs.grading.evidence.LearnerRuns} holds one
 * lab's experiment, runs, metric histories, artifacts and logged models, read once per grade;
 * {@link org.mllabs.grading.evidence.LoggedSignature} reads the signature a logged model declares.
 */
package org.mllabs.grading.evidence;
