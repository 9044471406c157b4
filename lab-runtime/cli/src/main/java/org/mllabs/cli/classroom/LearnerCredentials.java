package org.mllabs.cli.classroom;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.MlflowCredentials;

/**
 * The user each learner's submission logs as. On a shared server with authentication, a submission runs with its own
 * learner's credentials (the file {@code lab up --shared} wrote for that learner), so that it can write that learner's
 * experiment and nobody else's, as the learner could; on a server without authentication it runs with none.
 */
public final class LearnerCredentials {

    private final Optional<Path> directory;

    private LearnerCredentials(Optional<Path> directory) {
        this.directory = directory;
    }

    /** For a server without authentication: submissions run with no credentials. */
    public static LearnerCredentials none() {
        return new LearnerCredentials(Optional.empty());
    }

    /** For a shared server: each learner's credentials are read from {@code <directory>/<learner>.credentials}. */
    public static LearnerCredentials in(Path directory) {
        return new LearnerCredentials(Optional.of(directory));
    }

    /** The learners among those given who have no credentials file: none on a server without authentication. */
    public List<LearnerId> missing(List<LearnerId> learners) {
        return directory.map(dir -> learners.stream().filter(learner -> !Files.isRegularFile(file(dir, learner)))
                .toList()).orElse(List.of());
    }

    /**
     * The learner's credentials, as the variables a submission gets: empty on a server without authentication.
     *
     * @throws IllegalArgumentException when the learner's file is missing, holds no user and password, or another
     *     user's
     */
    Map<String, String> variables(LearnerId learner) {
        if (directory.isEmpty()) {
            return Map.of();
        }
        Path file = file(directory.get(), learner);
        MlflowCredentials credentials = MlflowCredentials.from(LabEnvironment.withCredentialsFile(
                Map.of(LabEnvironment.MLLABS_CREDENTIALS, file.toString())))
                .orElseThrow(() -> new IllegalArgumentException(file + " names no MLflow user and password"));
        if (!credentials.username().equals(learner.value())) {
            throw new IllegalArgumentException(file + " is the credentials file of " + credentials.username() + ", not "
                    + "of " + learner + ": a submission logs only as its own learner.");
        }
        return Map.of(MlflowCredentials.USERNAME_VARIABLE, credentials.username(),
                MlflowCredentials.PASSWORD_VARIABLE, credentials.password());
    }

    /** Where the credentials files are read, if anywhere. */
    public Optional<Path> directory() {
        return directory;
    }

    private static Path file(Path directory, LearnerId learner) {
        return directory.resolve(learner.value() + ".credentials");
    }
}
