package org.mllabs.cli;

import java.util.concurrent.Callable;
import org.mllabs.runtime.server.MlflowServerVersion;
import picocli.CommandLine.Command;

/** {@code lab status}: where the state is and whether a server answers. */
@Command(name = "status", description = "Show the state directory, the learner and the MLflow server.")
final class StatusCommand implements Callable<Integer> {

    private final CliSession session;

    StatusCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.say("State directory: " + session.home().root());
        session.say("Learner:         " + session.learner(null));
        session.say("MLflow version:  " + MlflowServerVersion.mlflow());
        session.servers().running().ifPresentOrElse(
                server -> session.say("MLflow server:   up, " + server.detail() + ", UI at " + server.uiUrl()),
                () -> session.say("MLflow server:   not running (`lab up` starts it)"));
        return ExitCodes.OK;
    }
}
