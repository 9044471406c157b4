package org.mllabs.runtime.server;

/**
 * What {@link MlflowServers#down()} found and did about the server an earlier command started.
 *
 * @param server the server the state directory recorded
 * @param outcome whether it was running and is now stopped, or had already gone
 */
public record ServerStop(MlflowServer server, Outcome outcome) {

    /** What happened to the recorded server. */
    public enum Outcome {
        /** Its container or process was running and has been stopped. */
        STOPPED,
        /** Its container or process no longer existed: only the record was removed. */
        ALREADY_GONE
    }
}
