package org.mllabs.cli;

import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServerException;

/**
 * The MLflow server stopped answering while a lab ran: an environment failure, never the learner's, whatever the lab's
 * code threw when its calls failed. The message says which server, what the lab's code stopped with, and how to get
 * the server back.
 */
final class ServerWentAway {

    private ServerWentAway() {
    }

    /**
     * @param labId the lab that ran
     * @param server the server it logged to
     * @param problem why the server does not answer now
     * @param result how the lab's run ended
     * @param home the state directory, where a server mllabs started keeps its data
     */
    static MlflowServerException during(String labId, MlflowServer server, String problem, LabRunResult result,
                                        LabHome home) {
        String stoppedWith = result.status() == LabRunResult.Status.FAILED
                ? " Your code is not at fault: it stopped when its calls to the server failed ("
                        + result.message().lines().findFirst().orElse("") + ")."
                : "";
        String restart = server.provider() == MlflowServer.Provider.TRACKING_URI
                ? "Start the server at " + server.uiUrl() + " again (MLFLOW_TRACKING_URI names it; on a shared server, "
                        + "ask whoever runs it), or unset MLFLOW_TRACKING_URI so that mllabs starts its own"
                : "Start it again with `lab up` (its data stays in " + home.mlflowState() + ")";
        return new MlflowServerException("The MLflow server at " + server.uiUrl() + " (" + server.detail()
                + ") went away while " + labId + " ran: " + problem + "." + stoppedWith + " " + restart
                + ", then run the lab again; the runs already logged are kept.");
    }
}
