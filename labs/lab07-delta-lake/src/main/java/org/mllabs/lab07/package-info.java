/**
 * Lab 07, Delta Lake for ML: {@link org.mllabs.lab07.DeltaLab} (given) prepares the customer batches and the run,
 * {@link org.mllabs.lab07.DeltaSteps} (the learner's) versions the table, travels in time, shows schema enforcement and
 * evolution, and trains on a pinned version recorded as a dataset input.
 */
package org.mllabs.lab07;
