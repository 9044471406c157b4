package org.mllabs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.serving.LearnerEndpointNames;
import org.mllabs.runtime.serving.ServingClient;
import org.mllabs.serving.service.ServingProcess;
import org.mllabs.serving.service.ServingRecord;

/**
 * The services a lab's {@code lab.yaml} asks for beside the MLflow server, made sure of by {@code lab run} and
 * {@code lab grade} as they make sure of the server: the serving service ({@code services: [serving]}) is found
 * running or started ({@link ServingProcess#up}), and outlives the command; {@code lab reset} deletes the learner's
 * endpoints of the lab.
 */
final class LabServices {

    private LabServices() {
    }

    /**
     * Deletes the learner's endpoints of the lab, as {@code lab reset} does, when the lab needs the serving service and
     * it is up; their inference tables stay.
     */
    static void deleteEndpoints(CliSession session, LabDescriptor lab, LearnerId learner) {
        if (!lab.needsServing()) {
            return;
        }
        Optional<ServingRecord> running = ServingProcess.running(session.home());
        if (running.isEmpty()) {
            session.say("The serving service is not up: your endpoints of " + lab.id() + ", if any, stay (lab serve "
                    + "up, then lab reset " + lab.id() + " again, deletes them).");
            return;
        }
        ServingClient serving = new ServingClient(URI.create(running.get().uri()));
        List<String> deleted = new ArrayList<>();
        for (JsonNode endpoint : serving.list()) {
            String name = endpoint.path("name").asText();
            if (LearnerEndpointNames.isLearners(name, learner, lab.id())) {
                serving.delete(name);
                deleted.add(name);
            }
        }
        session.say("Deleted " + (deleted.isEmpty() ? "no serving endpoint" : "the serving endpoints " + deleted)
                + " of " + lab.id() + " for " + learner + ".");
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
