package org.mllabs.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.mllabs.serving.service.ServingProcess;
import org.mllabs.serving.service.ServingRecord;
import org.mllabs.serving.service.ServingStop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lab serve up|down|status}: the model serving service, a process beside the MLflow server that serves
 * registered model versions behind endpoints in Databricks' REST shape.
 */
@Command(name = "serve", description = "The model serving service: endpoints that score requests as Databricks Model "
        + "Serving does, beside the MLflow server.",
        subcommands = {ServeCommand.Up.class, ServeCommand.Down.class, ServeCommand.Status.class})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** {@code lab serve up}: the running serving process, or a new one. */
    @Command(name = "up", description = "Start the serving service (or find the one that is running). It serves "
            + "models from the MLflow server's registry, which must be up (`lab up`), on this machine only.")
    static final class Up implements Callable<Integer> {

        private final CliSession session;

        @Option(names = "--port", paramLabel = "<port>", description = "Port for a new service (default: a free one).")
        private Integer port;

        @Option(names = "--scale-to-zero-after", paramLabel = "<duration>", converter = DurationConverter.class,
                description = "For a new service: how long a served entity with scale_to_zero_enabled waits without "
                        + "requests before its model unloads, such as 20s (default: 30m, as on Databricks).")
        private Duration scaleToZeroAfter;

        Up(CliSession session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            if (session.servers().running().isEmpty()) {
                session.say("No MLflow server is up, and endpoints serve models from its registry: start it with "
                        + "`lab up`, then `lab serve up` again.");
                return ExitCodes.ENVIRONMENT;
            }
            boolean wasRunning = ServingProcess.running(session.home()).isPresent();
            ServingRecord record = ServingProcess.up(session.environment(),
                    port == null ? OptionalInt.empty() : OptionalInt.of(port), Optional.ofNullable(scaleToZeroAfter));
            session.say((wasRunning ? "The serving service is already up at " : "Serving at ") + record.uri()
                    + " (process " + record.pid() + "), from the MLflow server at " + record.trackingUri() + ".");
            session.say("Databricks clients: DATABRICKS_HOST=" + record.uri() + " (any DATABRICKS_TOKEN).");
            return ExitCodes.OK;
        }
    }

    /** {@code lab serve down}: stops the serving process; endpoints stay. */
    @Command(name = "down", description = "Stop the serving service. Endpoints and their configs stay in the state "
            + "directory and serve again after `lab serve up`.")
    static final class Down implements Callable<Integer> {

        private final CliSession session;

        Down(CliSession session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Optional<ServingStop> stop = ServingProcess.down(session.home());
            String endpoints = "Its endpoints stay in " + session.home().root().resolve("serving")
                    + " and serve again after `lab serve up`.";
            if (stop.isEmpty()) {
                session.say("No serving service is recorded in " + session.home().root().resolve("serving")
                        + "; nothing to stop.");
            } else if (stop.get().wasRunning()) {
                session.say("Stopped the serving service at " + stop.get().record().uri() + " (process "
                        + stop.get().record().pid() + "). " + endpoints);
            } else {
                session.say("The serving service recorded at " + stop.get().record().uri() + " was no longer "
                        + "running: nothing to stop, its record is removed. " + endpoints);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code lab serve status}: whether the serving process is up, and where. */
    @Command(name = "status", description = "Show whether the serving service is up, and where it answers.")
    static final class Status implements Callable<Integer> {

        private final CliSession session;

        Status(CliSession session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Optional<ServingRecord> running = ServingProcess.running(session.home());
            session.say(running.map(record -> "Serving at " + record.uri() + " (process " + record.pid()
                    + "), from the MLflow server at " + record.trackingUri() + ".")
                    .orElse("The serving service is not running: start it with `lab serve up`."));
            return ExitCodes.OK;
        }
    }
}
