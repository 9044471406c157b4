package org.mllabs.runtime.model;

/**
 * A model logged under a run's artifacts.
 *
 * @param runId the run
 * @param artifactPath the model's directory under the run's artifacts
 * @param modelUuid the identifier written into its {@code MLmodel}
 */
public record LoggedModel(String runId, String artifactPath, String modelUuid) {

    /** The model's URI, {@code runs:/RUN_ID/PATH}, which {@link SparkModelLoader} and Python's loaders accept. */
    public String modelUri() {
        return "runs:/" + runId + "/" + artifactPath;
    }
}
