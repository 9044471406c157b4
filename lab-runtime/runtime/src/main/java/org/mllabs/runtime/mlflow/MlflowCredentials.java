package org.mllabs.runtime.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.mllabs.runtime.LabEnvironment;

/**
 * A user name and password for an MLflow server that runs with authentication ({@code mlflow server --app-name
 * basic-auth}), read from the same variables MLflow's own clients read. Every request the runtime sends then carries
 * them as an {@code Authorization: Basic ...} header.
 *
 * @param username the MLflow user
 * @param password its password
 */
public record MlflowCredentials(String username, String password) {

    /** The variable that names the MLflow user, as for MLflow's Python client. */
    public static final String USERNAME_VARIABLE = "MLFLOW_TRACKING_USERNAME";

    /** The variable that holds the user's password. */
    public static final String PASSWORD_VARIABLE = "MLFLOW_TRACKING_PASSWORD";

    public MlflowCredentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("MLflow credentials need a user name and a password");
        }
    }

    /**
     * The credentials the environment names, if it names both the user and the password.
     *
     * @throws IllegalArgumentException when only one of the two variables is set
     */
    public static Optional<MlflowCredentials> from(LabEnvironment environment) {
        Optional<String> username = environment.get(USERNAME_VARIABLE);
        Optional<String> password = environment.get(PASSWORD_VARIABLE);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE + " go together: set "
                    + "both (from your credentials file) or neither.");
        }
        return username.map(name -> new MlflowCredentials(name, password.get()));
    }

    /** The value of the {@code Authorization} header. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The user name only: a password never goes into a message or a log. */
    @Override
    public String toString() {
        return "MlflowCredentials[" + username + "]";
    }
}
