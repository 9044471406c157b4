package org.mllabs.cli;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.serving.service.ServingProcess;
import org.mllabs.serving.service.ServingRecord;

/**
 * The services a lab's {@code lab.yaml} asks for beside the MLflow server, made sure of by {@code lab run} and
 * {@code lab grade} as they make sure of the server: the serving service ({@code services: [serving]}) is found
 * running or started ({@link ServingProcess#up}), and outlives the command.
 */
final class LabServices {

    private LabServices() {
    }

    /** Where the serving service answers, started if it is not up; nothing when the lab does not need it. */
    static Optional<URI> serving(CliSession session, LabDescriptor lab) {
        if (!lab.needsServing()) {
            return Optional.empty();
        }
        boolean wasRunning = ServingProcess.running(session.home()).isPresent();
        ServingRecord record = ServingProcess.up(session.environment(), OptionalInt.empty(), Optional.empty());
        if (!wasRunning) {
            session.say(lab.id() + " needs the serving service: started at " + record.uri() + " (lab serve down "
                    + "stops it).");
        }
        return Optional.of(URI.create(record.uri()));
    }
}
