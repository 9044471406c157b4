package org.mllabs.runtime.mlflow;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.Experiment;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.server.SharedServerAuth;

/**
 * One MLflow user per learner on a shared server with authentication, each with a credentials file.
 *
 * <p>The learner's experiments ({@code /mllabs/<learner>/<lab>}) are not made here: the learner's first run of a lab
 * creates its experiment, and the server then records the learner as the one user who may manage it ({@code MANAGE}
 * for the creator, and no permission for anyone else by the server's default). So an experiment exists only once the
 * learner worked on the lab, which is what class grading takes as a submission. What no permission can stop is another
 * learner creating an experiment under that name first: such an experiment is reported here, graders do not count it
 * as the learner's work ({@link ExperimentAuthorship}), and the admin deletes it.
 *
 * <p>A credentials file holds {@code KEY=value} lines a shell can source and the runtime reads through
 * {@code MLLABS_CREDENTIALS}: {@code MLFLOW_TRACKING_URI}, {@code MLFLOW_TRACKING_USERNAME},
 * {@code MLFLOW_TRACKING_PASSWORD} and {@code MLLABS_LEARNER}. It is readable by its owner only.
 */
public final class LearnerAccounts {

    private static final int PASSWORD_LENGTH = 20;

    private final LabMlflow admin;
    private final MlflowUsers users;

    /** @param admin the server, opened with the admin's credentials */
    public LearnerAccounts(LabMlflow admin) {
        this.admin = admin;
        this.users = new MlflowUsers(admin.rest());
    }

    /**
     * What was done for one learner.
     *
     * @param learner the learner
     * @param userCreated whether the MLflow user was created now (else it existed)
     * @param credentialsFile the learner's credentials file
     * @param foreignExperiments names of the learner's experiments that someone else created, which the learner cannot
     *     write to; delete them as admin
     */
    public record Account(LearnerId learner, boolean userCreated, Path credentialsFile,
                          List<String> foreignExperiments) {

        public Account {
            foreignExperiments = List.copyOf(foreignExperiments);
        }
    }

    /**
     * Makes sure the learner has a user and a credentials file, and looks for experiments of the learner's labs that
     * the learner cannot write to. A user without a credentials file gets a new password (the old one is unknown here);
     * one with a file keeps it.
     *
     * @param learner the learner, whose id becomes the user name
     * @param labIds the labs whose experiments are looked at
     * @param learnerTrackingUri the address learners reach the server at, written into the file
     * @param credentialsDirectory where {@code <learner>.credentials} is written
     * @throws IllegalArgumentException for a learner named like the admin
     */
    public Account open(LearnerId learner, List<String> labIds, URI learnerTrackingUri, Path credentialsDirectory) {
        String username = learner.value();
        if (username.equals(SharedServerAuth.ADMIN)) {
            throw new IllegalArgumentException("\"" + username + "\" is the shared server's admin and cannot be a "
                    + "learner: rename that learner on the roster.");
        }
        Path file = credentialsDirectory.resolve(username + ".credentials");
        boolean created = false;
        if (!users.exists(username)) {
            String password = SharedServerAuth.randomSecret(PASSWORD_LENGTH);
            users.create(username, password);
            writeCredentials(file, learner, password, learnerTrackingUri);
            created = true;
        } else if (!Files.isRegularFile(file)) {
            String password = SharedServerAuth.randomSecret(PASSWORD_LENGTH);
            users.updatePassword(username, password);
            writeCredentials(file, learner, password, learnerTrackingUri);
        }
        List<String> foreign = new ArrayList<>();
        for (String labId : labIds) {
            String name = learner.experimentName(labId);
            Optional<Experiment> existing = admin.activeExperiment(name);
            if (existing.isPresent()
                    && !users.permissionOnExperiment(username, existing.get().getExperimentId()).canWrite()) {
                foreign.add(name);
            }
        }
        return new Account(learner, created, file, foreign);
    }

    private static void writeCredentials(Path file, LearnerId learner, String password, URI trackingUri) {
        LocalFiles.writePrivate(file, String.join("\n",
                "# MLflow credentials of learner " + learner + " on the class server: keep this file to yourself.",
                "# Use it with  export " + LabEnvironment.MLLABS_CREDENTIALS + "=<this file>  (lab commands read it),",
                "# or load it into a shell:  set -a; . <this file>; set +a",
                LabEnvironment.MLFLOW_TRACKING_URI + "=" + trackingUri,
                MlflowCredentials.USERNAME_VARIABLE + "=" + learner.value(),
                MlflowCredentials.PASSWORD_VARIABLE + "=" + password,
                LearnerId.MLLABS_LEARNER + "=" + learner.value(),
                ""));
    }
}
