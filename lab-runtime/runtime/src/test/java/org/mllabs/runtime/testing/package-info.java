/**
 * Test fixtures shared by every module through this module's test jar: one real MLflow server per test JVM.
 *
 * <p>Without a container engine a test that needs the server is skipped with a message saying how to get one; in
 * continuous integration ({@code CI=true}) it fails instead, because a skipped integration test proves nothing.
 */
package org.mllabs.runtime.testing;
