/**
 * Test fixtures of the serving module: Spark pipelines registered for endpoints to serve, and a service in the test's
 * JVM with the HTTP calls the tests make to it.
 */
package org.mllabs.serving.testing;
