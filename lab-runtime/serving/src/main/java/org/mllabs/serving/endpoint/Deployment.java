package org.mllabs.serving.endpoint;

/**
 * A served entity's deployment state, as {@code served_entities[].state} reports it.
 *
 * @param state {@code DEPLOYMENT_CREATING}, {@code DEPLOYMENT_READY} or {@code DEPLOYMENT_FAILED}
 * @param message what is going on, or why it failed
 */
public record Deployment(String state, String message) {

    /** Being loaded. */
    static Deployment creating() {
        return new Deployment("DEPLOYMENT_CREATING", "Loading the model version from the MLflow registry.");
    }

    /** Loaded and serving. */
    static Deployment ready(String message) {
        return new Deployment("DEPLOYMENT_READY", message);
    }

    /** Could not be loaded. */
    static Deployment failed(String message) {
        return new Deployment("DEPLOYMENT_FAILED", message);
    }
}
