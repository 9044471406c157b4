/**
 * The grader of lab 03, training with MLlib: {@link org.mllabs.graders.lab03.TrainingGrader} checks each step from
 * what the MLflow server holds, read once by {@link org.mllabs.graders.lab03.TrainingEvidence}; it loads every logged
 * model, looks inside it and scores it on held-out data of its own.
 */
package org.mllabs.graders.lab03;
