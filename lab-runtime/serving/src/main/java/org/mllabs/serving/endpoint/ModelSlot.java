package org.mllabs.serving.endpoint;

import java.time.Duration;
import java.util.Optional;
import org.mllabs.serving.model.ServedModel;

/**
 * A served entity's loaded model, which scale to zero unloads after a time without requests; the next request then
 * loads it again (a cold start) and waits for it.
 */
public final class ModelSlot {

    private final ServedEntity entity;
    private final EntityLoader loader;
    private ServedModel model;
    private long lastUsedNanos;
    private Duration scaledToZeroAfter;

    ModelSlot(ServedEntity entity, EntityLoader loader, ServedModel model) {
        this.entity = entity;
        this.loader = loader;
        this.model = model;
        this.lastUsedNanos = System.nanoTime();
    }

    /**
     * The model, loaded again first if it was scaled to zero.
     *
     * @throws ServingError 503 when it cannot be loaded again
     */
    public synchronized Acquired acquire() {
        lastUsedNanos = System.nanoTime();
        if (model != null) {
            return new Acquired(model, 0);
        }
        long started = System.nanoTime();
        try {
            model = loader.load(entity).model();
        } catch (Exception e) {
            throw ServingError.unavailable("Served entity '" + entity.name() + "' was scaled to zero and could not "
                    + "be loaded again: " + e.getMessage());
        }
        lastUsedNanos = System.nanoTime();
        return new Acquired(model, Duration.ofNanos(lastUsedNanos - started).toMillis());
    }

    /**
     * Unloads the model if its entity scales to zero and has had no request for this long.
     *
     * @return whether it was unloaded now
     */
    synchronized boolean unloadIfIdle(Duration idle) {
        if (!entity.scaleToZeroEnabled() || model == null || System.nanoTime() - lastUsedNanos < idle.toNanos()) {
            return false;
        }
        model = null;
        scaledToZeroAfter = idle;
        return true;
    }

    /** How long it had been idle when it was scaled to zero, while it is. */
    public synchronized Optional<Duration> scaledToZero() {
        return model == null ? Optional.ofNullable(scaledToZeroAfter) : Optional.empty();
    }

    /** Whether the model is loaded. */
    public synchronized boolean loaded() {
        return model != null;
    }

    /**
     * The model for one request.
     *
     * @param model the model
     * @param coldStartMs how long loading it again took, 0 when it was loaded
     */
    public record Acquired(ServedModel model, long coldStartMs) {
    }
}
