/**
 * The grader of lab 09, hyperparameter search with TPE: {@link org.mllabs.graders.lab09.SearchGrader} checks each
 * step from what the MLflow server holds, read once by {@link org.mllabs.graders.lab09.SearchEvidence}.
 */
package org.mllabs.graders.lab09;
