/**
 * The grader of lab 01, MLflow tracking: {@link org.mllabs.graders.lab01.TrackingGrader} checks each step from what
 * the MLflow server holds, read once by {@link org.mllabs.graders.lab01.TrackingEvidence}.
 */
package org.mllabs.graders.lab01;
