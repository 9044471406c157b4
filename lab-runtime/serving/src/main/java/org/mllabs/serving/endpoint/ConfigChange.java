package org.mllabs.serving.endpoint;

/**
 * One config an endpoint was asked to serve, and what became of it: the endpoint's config history, which the serving
 * labs' graders read.
 *
 * @param version its {@code config_version}
 * @param startTime when it was asked for, epoch milliseconds
 * @param endTime when it was served or failed, epoch milliseconds, 0 while in progress
 * @param outcome {@code IN_PROGRESS}, {@code SERVED} or {@code UPDATE_FAILED}
 * @param config the config
 */
public record ConfigChange(int version, long startTime, long endTime, String outcome, EndpointConfig config) {
}
