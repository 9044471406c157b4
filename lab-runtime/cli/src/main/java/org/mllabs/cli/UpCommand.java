package org.mllabs.cli;

import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.mllabs.runtime.server.MlflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lab up}: starts the MLflow server, listening on loopback only, or finds the one already running. */
@Command(name = "up", description = "Start the MLflow server (or find the one that is running). A new server listens "
        + "on 127.0.0.1 only: no other machine can reach it.")
final class UpCommand implements Callable<Integer> {

    private final CliSession session;

    @Option(names = "--port", paramLabel = "<port>", description = "Host port for a new server (default: a free one).")
    private Integer port;

    UpCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        MlflowServer server = session.servers().up(port == null ? OptionalInt.empty() : OptionalInt.of(port));
        session.say("MLflow UI: " + server.uiUrl());
        return ExitCodes.OK;
    }
}
