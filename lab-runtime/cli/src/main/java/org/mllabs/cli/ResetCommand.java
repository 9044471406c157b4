package org.mllabs.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.MlflowUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lab reset <lab>}: deletes the learner's experiment of that lab with its runs, and the registered models the
 * lab tagged as that learner's, and, for a lab that needs the serving service, the learner's endpoints of that lab
 * (their inference tables stay), and nothing else.
 */
@Command(name = "reset", description = "Delete your experiment, runs and registered models of one lab (and nothing "
        + "else), to start it again. On a shared server only the learner or the admin may do this.")
final class ResetCommand implements Callable<Integer> {

    private final CliSession session;

    @Mixin
    private LabAndLearner target;


    ResetCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = target.lab(session);
        LearnerId learner = target.learner(session);
        URI trackingUri = session.servers().connect().trackingUri();
        try (LabMlflow mlflow = LabMlflow.open(trackingUri, ServerUser.credentials(session.environment(),
                trackingUri))) {
            requireAllowed(mlflow, learner);
            LearnerLabReset.Deleted deleted = new LearnerLabReset(mlflow).reset(lab.id(), learner);
            session.say("Deleted " + deleted + " of " + lab.id() + " for " + learner + ".");
        }
        LabServices.deleteEndpoints(session, lab, learner);
        return ExitCodes.OK;
    }

    /**
     * On a shared server with authentication, only the learner or the admin may reset a learner's lab. The server
     * refuses the deletions anyway; this says so before trying, instead of deleting nothing.
     */
    private static void requireAllowed(LabMlflow mlflow, LearnerId learner) {
        if (mlflow.rest().credentials().isEmpty()) {
            return;
        }
        MlflowUsers.User user = new MlflowUsers(mlflow.rest()).current();
        if (!user.admin() && !user.username().equals(learner.value())) {
            throw new IllegalArgumentException("You are " + user.username() + " on this server: you may reset your "
                    + "own labs (--learner " + user.username() + "), and only the admin may reset another learner's.");
        }
    }
}
