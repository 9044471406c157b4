package org.mllabs.runtime.lab;

/** A lab's entry class, in both the starter and the solution tree. It needs a public no-argument constructor. */
@FunctionalInterface
public interface LabExercise {

    /**
     * Does the lab's steps, in order.
     *
     * @param context the Spark session, the MLflow server and everything else the lab may use
     * @throws Exception whatever the learner's code throws; the runner reports it without losing anything
     */
    void run(LabContext context) throws Exception;
}
