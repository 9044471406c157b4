package org.mllabs.runtime.server;

/**
 * No MLflow server can be reached or started. The message says what happened and what to do about it; the state
 * directory is left as it was.
 */
public class MlflowServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MlflowServerException(String message) {
        super(message);
    }

    public MlflowServerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The one message for a machine with no way to get a server. */
    static MlflowServerException noWayToGetAServer(String why) {
        return new MlflowServerException("""
                No MLflow server is available (%s). Get one in any of these three ways:
                  1. a container engine: install Docker, or Podman with its Docker-compatible socket \
                (on Debian as root: bash lab-runtime/environment/setup.sh);
                  2. the mlflow command: pip install mlflow==%s, so that `mlflow` is on PATH;
                  3. an existing server: export MLFLOW_TRACKING_URI=http://host:port (an instructor's server).\
                """.formatted(why, MlflowServerVersion.mlflow()));
    }
}
