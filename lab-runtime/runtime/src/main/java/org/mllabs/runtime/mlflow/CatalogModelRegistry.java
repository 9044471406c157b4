package org.mllabs.runtime.mlflow;

import java.util.Map;

/**
 * The model registry in catalog mode, as with Unity Catalog: every registered model name must have three parts,
 * {@code catalog.schema.model}, and a name that does not is refused with {@link RegistryNames#requireCatalogName}'s
 * explanation before anything is sent. The server itself accepts any name; this is what makes a lab's registry
 * behave like Databricks' {@code databricks-uc} registry.
 *
 * <pre>{@code
 * CatalogModelRegistry catalog = new CatalogModelRegistry(mlflow);
 * catalog.createRegisteredModel("main.ml_labs.churn_classifier", tags, "Predicts churn");
 * ModelVersion version = catalog.registerVersion("main.ml_labs.churn_classifier", runId, "model");
 * catalog.createRegisteredModel("ml_labs.churn_classifier", tags, null);   // IllegalArgumentException
 * }</pre>
 */
public final class CatalogModelRegistry {

    private final LabMlflow mlflow;

    /** @param mlflow the server whose registry this writes to */
    public CatalogModelRegistry(LabMlflow mlflow) {
        this.mlflow = mlflow;
    }

    /**
     * Creates a registered model with a three-part name.
     *
     * @throws IllegalArgumentException when the name does not have three parts
     */
    public RegisteredModel createRegisteredModel(String name, Map<String, String> tags, String description) {
        return mlflow.registry().createRegisteredModel(RegistryNames.requireCatalogName(name), tags, description);
    }

    /**
     * Registers the model a run logged under an artifact path as the next version of a registered model, which must
     * exist; the version's source is {@code <run artifact URI>/<artifactPath>}.
     *
     * @return the new version, READY
     * @throws IllegalArgumentException when the name does not have three parts
     */
    public ModelVersion registerVersion(String name, String runId, String artifactPath) {
        RegistryNames.requireCatalogName(name);
        String source = mlflow.artifactUriOf(runId) + "/" + artifactPath;
        return mlflow.registry().createModelVersion(name, source, runId, Map.of(), null);
    }
}
