package org.mllabs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code lab down}: stops the MLflow server; its data stays. */
@Command(name = "down", description = "Stop the MLflow server. Runs, models and aliases stay in the state directory.")
final class DownCommand implements Callable<Integer> {

    private final CliSession session;

    DownCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.servers().down().ifPresentOrElse(
                server -> session.say("Stopped the MLflow server (" + server.detail() + "). Its data stays in "
                        + session.home().mlflowState() + "; `lab up` serves it again."),
                () -> session.say("No MLflow server was started by mllabs; nothing to stop."));
        return ExitCodes.OK;
    }
}
