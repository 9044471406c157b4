package org.mllabs.cli;

import java.util.concurrent.Callable;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lab reset <lab>}: deletes the learner's experiment of that lab with its runs, and the registered models the
 * lab tagged as that learner's, and nothing else.
 */
@Command(name = "reset", description = "Delete your experiment, runs and registered models of one lab (and nothing else), to start it "
        + "again.")
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
        try (LabMlflow mlflow = LabMlflow.open(session.servers().connect().trackingUri())) {
            LearnerLabReset.Deleted deleted = new LearnerLabReset(mlflow).reset(lab.id(), learner);
            session.say("Deleted " + deleted + " of " + lab.id() + " for " + learner + ".");
        }
        return ExitCodes.OK;
    }
}
