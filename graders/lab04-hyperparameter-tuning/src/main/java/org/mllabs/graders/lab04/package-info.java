/**
 * The grader of lab 04, hyperparameter tuning: {@link org.mllabs.graders.lab04.TuningGrader} checks each step from
 * what the MLflow server holds, read once by {@link org.mllabs.graders.lab04.TuningEvidence}: for each
 * {@link org.mllabs.graders.lab04.Tuner} a parent run, its grid of {@link org.mllabs.graders.lab04.GridPoint}s, its
 * child runs as {@link org.mllabs.graders.lab04.Candidate}s and its best model.
 */
package org.mllabs.graders.lab04;
