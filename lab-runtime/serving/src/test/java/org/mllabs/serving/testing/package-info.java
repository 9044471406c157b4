/** Test fixtures of the serving module: Spark pipelines registered for endpoints to serve. */
package org.mllabs.serving.testing;
