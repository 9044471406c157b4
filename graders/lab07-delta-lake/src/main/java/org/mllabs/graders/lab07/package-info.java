/**
 * The grader of lab 07, Delta Lake for ML: {@link org.mllabs.graders.lab07.DeltaGrader} checks the learner's Delta
 * table (read with the Delta Kernel, never Spark) and run; {@link org.mllabs.graders.lab07.DeltaEvidence} reads them
 * once per grade.
 */
package org.mllabs.graders.lab07;
