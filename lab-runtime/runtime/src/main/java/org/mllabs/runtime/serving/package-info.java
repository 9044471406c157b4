/**
 * The model serving service as a lab and a grader reach it: a client of its REST API ({@link
 * org.mllabs.runtime.serving.ServingClient}), the names a learner's endpoints and inference tables take ({@link
 * org.mllabs.runtime.serving.LearnerEndpointNames}), and the way tests start the service in their own JVM ({@link
 * org.mllabs.runtime.serving.ServingLauncher}).
 */
package org.mllabs.runtime.serving;
