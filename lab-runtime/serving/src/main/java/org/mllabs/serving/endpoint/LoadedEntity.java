package org.mllabs.serving.endpoint;

import org.mllabs.serving.model.ServedModel;

/**
 * A served entity once loaded.
 *
 * @param model the model that scores its requests
 * @param message what its deployment state says, such as that it has no signature
 */
public record LoadedEntity(ServedModel model, String message) {
}
