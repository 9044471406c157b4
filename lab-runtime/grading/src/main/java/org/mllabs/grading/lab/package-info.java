/**
 * What every grader writes the same way, given its lab's id once: {@link org.mllabs.grading.lab.LabSteps} names the
 * checks after the README's steps ({@code lab01.step3}, {@code README step 3: ...}) and keeps the lab's reading of a
 * grade in its {@link org.mllabs.grading.GradingContext}.
 */
package org.mllabs.grading.lab;
