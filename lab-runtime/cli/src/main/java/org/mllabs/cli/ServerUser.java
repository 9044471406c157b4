package org.mllabs.cli;

import java.net.URI;
import java.util.Optional;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.mlflow.MlflowUsers;
import org.mllabs.runtime.server.SharedServerAuth;

/**
 * Who a command is on the MLflow server: the credentials the environment names ({@code MLLABS_CREDENTIALS} or
 * MLflow's own variables), which a shared server with authentication requires, and nothing on a server without it.
 */
final class ServerUser {

    private ServerUser() {
    }

    /**
     * The environment's credentials for the server.
     *
     * @throws IllegalStateException when the server requires credentials and the environment names none (the
     *     environment is not ready: exit status 4)
     */
    static Optional<MlflowCredentials> credentials(LabEnvironment environment, URI trackingUri) {
        Optional<MlflowCredentials> credentials = MlflowCredentials.from(environment);
        if (credentials.isEmpty() && SharedServerAuth.isRequiredBy(trackingUri)) {
            throw new IllegalStateException("The MLflow server at " + trackingUri + " needs a user: set "
                    + LabEnvironment.MLLABS_CREDENTIALS + " to your credentials file.");
        }
        return credentials;
    }

    /**
     * The environment's credentials for a command that reads every learner's work, which on a shared server only the
     * admin may.
     *
     * @param command the command, for the message, such as {@code grade-all}
     * @throws IllegalStateException when the server requires credentials and the environment names none
     * @throws IllegalArgumentException when the environment names a user who is not an admin
     */
    static Optional<MlflowCredentials> admin(LabEnvironment environment, URI trackingUri, String command) {
        Optional<MlflowCredentials> credentials = credentials(environment, trackingUri);
        if (credentials.isPresent()) {
            try (LabMlflow mlflow = LabMlflow.open(trackingUri, credentials)) {
                MlflowUsers.User user = new MlflowUsers(mlflow.rest()).current();
                if (!user.admin()) {
                    throw new IllegalArgumentException("You are " + user.username() + " on this server, and "
                            + command + " reads every learner's work, which only the admin may: set "
                            + LabEnvironment.MLLABS_CREDENTIALS + " to the admin's credentials file ("
                            + SharedServerAuth.ADMIN + ".credentials, written by `lab up --shared`).");
                }
            }
        }
        return credentials;
    }
}
