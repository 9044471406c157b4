/**
 * The contract between the {@code lab} command and a lab.
 *
 * <p>A lab is a folder under {@code labs/} with a {@code lab.yaml} ({@link org.mllabs.runtime.lab.LabDescriptor}), a
 * README, starter code in {@code src/main/java} and a reference solution in the mirrored tree
 * {@code src/solution/java} with the same class names. Its entry class implements
 * {@link org.mllabs.runtime.lab.LabExercise}. {@link org.mllabs.runtime.lab.LabRunner} compiles the chosen tree
 * from source (so the learner's latest edit is what runs), loads it in a class loader of its own and runs it with a
 * {@link org.mllabs.runtime.lab.LabContext}. A starter step throws {@link org.mllabs.runtime.lab.StepNotDoneException}
 * until the learner does it. {@link org.mllabs.runtime.lab.LabRuns} finds or creates the lab's experiment and starts
 * runs in it with the lab's tags, ending them FINISHED or, when a step throws, FAILED.
 */
package org.mllabs.runtime.lab;
