/**
 * The grader of lab 10, AutoML: {@link org.mllabs.graders.lab10.AutoMlGrader} checks each step from what the MLflow
 * server holds, read once by {@link org.mllabs.graders.lab10.AutoMlEvidence}.
 */
package org.mllabs.graders.lab10;
