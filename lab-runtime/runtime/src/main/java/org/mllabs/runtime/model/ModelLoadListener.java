package org.mllabs.runtime.model;

/** Told of each model {@link SparkModels#load} loaded, with what its URI resolved to. */
@FunctionalInterface
public interface ModelLoadListener {

    /** The model was loaded; called once it is, never for a load that failed. */
    void loaded(ResolvedModel model);
}
