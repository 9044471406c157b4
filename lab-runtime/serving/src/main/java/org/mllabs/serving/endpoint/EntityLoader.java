package org.mllabs.serving.endpoint;

/**
 * What an endpoint does with its served entities: checks at once that each exists, then loads it in the background.
 */
public interface EntityLoader {

    /**
     * Checks, while the create or update request waits, that the model version exists.
     *
     * @throws ServingError 404 when it does not, 503 when the registry cannot be reached
     */
    void check(ServedEntity entity);

    /**
     * Loads the model version, in the background.
     *
     * @return the model, and what its deployment state says once it is ready
     * @throws Exception why it could not be loaded, for its deployment state
     */
    LoadedEntity load(ServedEntity entity) throws Exception;
}
