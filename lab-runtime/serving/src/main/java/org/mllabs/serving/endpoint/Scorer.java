package org.mllabs.serving.endpoint;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The served entity chosen to answer a scoring request, with its model, its limit on requests at once and where the
 * request is recorded.
 *
 * @param endpoint the endpoint's name
 * @param entity the served entity
 * @param model its model slot
 * @param slots its requests at once; a request that finds none free is answered 429
 * @param inferenceTable the endpoint's inference table, if it records requests
 * @param shadows the shadow entities that score a copy of the request (none for a request that names its entity)
 */
public record Scorer(String endpoint, ServedEntity entity, ModelSlot model, Semaphore slots,
        Optional<AutoCaptureConfig> inferenceTable, List<Scorer> shadows) {

    public Scorer {
        shadows = List.copyOf(shadows);
    }
}
