package org.mllabs.runtime.mlflow;

import java.util.List;
import java.util.Optional;
import org.mllabs.runtime.LearnerId;

/**
 * Whose work an experiment holds, by the server's own record rather than by anything a learner logs. On a server with
 * authentication, creating or changing a run needs write permission on its experiment, and the server records who holds
 * it: the user who created the experiment, or the one the admin granted it to. A run's {@code user_id} and its
 * {@code mllabs.learner} tag are whatever the client sent, so neither says who logged it.
 *
 * <p>An experiment is the learner's when the learner may write to it and no other user who is not an admin may. On a
 * server without authentication there is no such record, and nothing is checked.
 */
public final class ExperimentAuthorship {

    private final LabMlflow mlflow;

    /** @param mlflow the server, opened with the credentials the grader reads with (the admin's on a class server) */
    public ExperimentAuthorship(LabMlflow mlflow) {
        this.mlflow = mlflow;
    }

    /**
     * Why the experiment is not the learner's own work, or empty when it is (or the server keeps no record).
     *
     * @param experimentId the experiment
     * @param learner the learner whose work it should be
     */
    public Optional<String> problem(String experimentId, LearnerId learner) {
        if (mlflow.rest().credentials().isEmpty()) {
            return Optional.empty();
        }
        MlflowUsers users = new MlflowUsers(mlflow.rest());
        if (!users.current().admin()) {
            // a learner grading their own work can ask only about themselves
            return writable(users, learner.value(), experimentId)
                    ? Optional.empty()
                    : Optional.of("the server records no write permission of " + learner + " on it");
        }
        if (!writable(users, learner.value(), experimentId)) {
            return Optional.of("the server records no write permission of " + learner + " on it: another user "
                    + "created it");
        }
        List<String> others = users.list().stream()
                .filter(user -> !user.admin() && !user.username().equals(learner.value()))
                .map(MlflowUsers.User::username)
                .filter(username -> writable(users, username, experimentId))
                .sorted()
                .toList();
        return others.isEmpty()
                ? Optional.empty()
                : Optional.of("other users may write to it as well (" + String.join(", ", others) + "), so its runs "
                        + "are not necessarily " + learner + "'s");
    }

    private static boolean writable(MlflowUsers users, String username, String experimentId) {
        return users.permissionOnExperiment(username, experimentId).canWrite();
    }
}
