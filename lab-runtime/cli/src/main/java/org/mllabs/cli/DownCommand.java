package org.mllabs.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.server.ServerStop;
import picocli.CommandLine.Command;

/** {@code lab down}: stops the MLflow server an earlier command started, and says what it found; its data stays. */
@Command(name = "down", description = "Stop the MLflow server. Runs, models and aliases stay in the state directory.")
final class DownCommand implements Callable<Integer> {

    private final CliSession session;

    DownCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Optional<ServerStop> stop = session.servers().down();
        String data = "Its data stays in " + session.home().mlflowState();
        if (stop.isEmpty()) {
            session.say("No MLflow server started by mllabs is recorded in " + session.home().serverRecord()
                    + "; nothing to stop.");
        } else if (stop.get().outcome() == ServerStop.Outcome.STOPPED) {
            session.say("Stopped the MLflow server (" + stop.get().server().detail() + "). " + data
                    + "; `lab up` serves it again.");
        } else {
            session.say("The MLflow server recorded at " + stop.get().server().uiUrl() + " ("
                    + stop.get().server().detail() + ") was no longer running: nothing to stop, its record is removed. "
                    + data + "; `lab up` starts a new server on it.");
        }
        session.environment().get(LabEnvironment.MLFLOW_TRACKING_URI).ifPresent(uri -> session.say(
                "MLFLOW_TRACKING_URI names " + uri + ": `lab down` stops only a server mllabs started, not that one."));
        return ExitCodes.OK;
    }
}
