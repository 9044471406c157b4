package org.mllabs.cli;

import java.util.concurrent.Callable;
import org.mllabs.runtime.server.MlflowServerVersion;
import org.mllabs.serving.service.ServingProcess;
import picocli.CommandLine.Command;

/** {@code lab status}: where the state is and whether the MLflow server and the serving service answer. */
@Command(name = "status", description = "Show the state directory, the learner, the MLflow server and the serving "
        + "service.")
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
        ServingProcess.running(session.home()).ifPresentOrElse(
                serving -> session.say("Serving:         up at " + serving.uri() + " (process " + serving.pid() + ")"),
                () -> session.say("Serving:         not running (`lab serve up` starts it)"));
        return ExitCodes.OK;
    }
}
