/**
 * MLflow tracking servers: which one a lab talks to, and how it is started, found again and stopped.
 *
 * <p>{@link org.mllabs.runtime.server.MlflowServers} chooses, in this order: the server named by
 * {@code MLFLOW_TRACKING_URI}; the server recorded by an earlier command, if it still answers; a new
 * {@link org.mllabs.runtime.server.MlflowContainer} when a container engine answers; a local {@code mlflow server}
 * process when {@code mlflow} is on {@code PATH}. Otherwise it fails with one message naming the three ways to get a
 * server. A server is taken for MLflow only when it answers {@code /health} and {@code /version}
 * ({@link org.mllabs.runtime.server.MlflowHealth}); a new one listens on loopback only
 * ({@link org.mllabs.runtime.server.ListenAddress#LOOPBACK}) unless the caller names another address.
 *
 * <p>{@link org.mllabs.runtime.server.MlflowServers#upShared} starts a class server instead: MLflow's own
 * authentication with the admin and key of {@link org.mllabs.runtime.server.SharedServerAuth}, published on one
 * address.
 */
package org.mllabs.runtime.server;
