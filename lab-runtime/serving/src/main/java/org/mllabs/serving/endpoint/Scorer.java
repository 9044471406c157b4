package org.mllabs.serving.endpoint;

import java.util.concurrent.Semaphore;
import org.mllabs.serving.model.ServedModel;

/**
 * The served entity chosen to answer a scoring request, with its model and its limit on requests at once.
 *
 * @param entity the served entity
 * @param model its loaded model
 * @param slots its requests at once; a request that finds none free is answered 429
 */
public record Scorer(ServedEntity entity, ServedModel model, Semaphore slots) {
}
