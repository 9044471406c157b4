/**
 * Test fixtures shared by every module through this module's test jar: one real MLflow server
 * ({@link org.mllabs.runtime.testing.MlflowServerExtension}) and one Spark session
 * ({@link org.mllabs.runtime.testing.SparkExtension}) per test JVM; {@link org.mllabs.runtime.testing.LabFixture}
 * runs a lab's solution, starter or a {@link org.mllabs.runtime.testing.Mutant} of it for grader tests.
 *
 * <p>Without a container engine a test that needs the server is skipped with a message saying how to get one; in
 * continuous integration ({@code CI=true}) it fails instead ({@link org.mllabs.runtime.testing.EngineRequirement}),
 * because a skipped integration test proves nothing.
 */
package org.mllabs.runtime.testing;
