/**
 * Test fixtures for grader modules (shipped in lab-grading's test jar): {@link
 * org.mllabs.grading.testing.GraderHarness} runs a lab's solution, starter and mutants and asserts what each earns.
 */
package org.mllabs.grading.testing;
