package org.mllabs.runtime.server;

import java.net.URI;

/**
 * A reachable MLflow tracking server.
 *
 * @param trackingUri the URI clients use, such as {@code http://localhost:32768}
 * @param provider where the server comes from
 * @param detail a human description: the container, the process, or the variable that named it
 */
public record MlflowServer(URI trackingUri, Provider provider, String detail) {

    /** Where a server comes from, in the order {@link MlflowServers} tries them. */
    public enum Provider {
        /** An existing server named by {@code MLFLOW_TRACKING_URI}: an instructor's, or any MLflow. */
        TRACKING_URI("MLFLOW_TRACKING_URI"),
        /** A {@link MlflowContainer} started through a Docker-compatible engine. */
        CONTAINER("container"),
        /** A local {@code mlflow server} process. */
        LOCAL_PROCESS("local process");

        private final String label;

        Provider(String label) {
            this.label = label;
        }

        /** A short name for messages. */
        public String label() {
            return label;
        }
    }

    /** Where the learner opens the MLflow UI. */
    public String uiUrl() {
        return trackingUri.toString();
    }

    /**
     * The UI's table of one experiment's runs: the route {@code /experiments/:experimentId/runs} of MLflow 3's UI. The
     * experiment's bare page opens the tab the UI infers from what the experiment holds, the GenAI traces view when it
     * holds no runs yet; this route opens the runs table whatever the experiment holds.
     */
    public String experimentUrl(String experimentId) {
        return uiUrl() + "/#/experiments/" + experimentId + "/runs";
    }
}
