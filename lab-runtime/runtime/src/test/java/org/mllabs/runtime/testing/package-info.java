/**
 * Test fixtures shared by every module through this module's test jar: one real MLflow server for the whole Maven
 * build ({@link org.mllabs.runtime.testing.MlflowServerExtension}, through
 * {@link org.mllabs.runtime.testing.BuildServer}), one Spark session per test JVM
 * ({@link org.mllabs.runtime.testing.SparkExtension}); {@link org.mllabs.runtime.testing.LabFixture}
 * runs a lab's solution, starter or a {@link org.mllabs.runtime.testing.Mutant} of it for grader tests;
 * {@link org.mllabs.runtime.testing.PythonChecks} runs pytest files against what Java left on the server, with the lab
 * Python environment, in processes the test JVM keeps ({@link org.mllabs.runtime.testing.PythonCheckWorkers}).
 *
 * <p>Without a container engine a test that needs the server is skipped with a message saying how to get one; in
 * continuous integration ({@code CI=true}) it fails instead ({@link org.mllabs.runtime.testing.EngineRequirement}),
 * because a skipped integration test proves nothing.
 */
package org.mllabs.runtime.testing;
