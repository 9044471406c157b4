/**
 * Serving endpoints as Databricks Model Serving manages them: configs in the REST API's shape
 * ({@link org.mllabs.serving.endpoint.EndpointConfig}: {@code served_entities}, {@code traffic_config.routes}),
 * checked field by field; endpoint state ({@code ready}, {@code config_update}, a deployment state per served entity)
 * and config history ({@link org.mllabs.serving.endpoint.Endpoints}); endpoints kept on disk so that they survive a
 * restart ({@link org.mllabs.serving.endpoint.EndpointStore}).
 */
package org.mllabs.serving.endpoint;
