/**
 * The serving service over HTTP, in Databricks' REST shape: {@link org.mllabs.serving.http.ServingServer} on the
 * loopback address, its endpoint management API under {@code /api/2.0/serving-endpoints}.
 */
package org.mllabs.serving.http;
