package org.mllabs.serving.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.featurestore.FeatureSpec;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.model.MlModelFiles;
import org.mllabs.runtime.model.SparkModelLoader;
import org.mllabs.serving.features.FeatureLookupModel;
import org.mllabs.serving.model.ServedModel;
import org.mllabs.serving.model.SparkServedModel;
import org.mllabs.serving.scoring.InputSchema;

/**
 * Served entities found in the MLflow registry by version (never by alias: moving an alias does not change what an
 * endpoint serves). {@link #check} asks the registry for the version; {@link #load} downloads the version's model
 * directory, reads its {@code MLmodel} and loads the Spark ML pipeline, with or without a signature (a model without
 * one is served without its requests checked against a schema, and its deployment state says so). A model logged
 * with its feature lineage ({@value FeatureSpec#FILE}) looks its features up by key in the online store
 * ({@link FeatureLookupModel}); one whose tables were not published fails to load, saying how to publish them.
 */
public final class RegistryEntities implements EntityLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final LabMlflow mlflow;
    private final SparkModelLoader models;
    private final SparkSession spark;

    /**
     * @param mlflow the server whose registry holds the models
     * @param cache where downloaded model directories are kept
     * @param spark the session models are loaded into and score in
     */
    public RegistryEntities(LabMlflow mlflow, Path cache, SparkSession spark) {
        this.mlflow = mlflow;
        this.models = new SparkModelLoader(mlflow, cache);
        this.spark = spark;
    }

    @Override
    public void check(ServedEntity entity) {
        try {
            ModelVersion version = mlflow.registry().getModelVersion(entity.entityName(), entity.entityVersion());
            if (!ModelVersion.READY.equals(version.status())) {
                throw ServingError.invalidParameter("Model version " + entity.entityVersion() + " of "
                        + entity.entityName() + " is " + version.status() + ", not READY.");
            }
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                throw ServingError.notFound("Model version " + entity.entityVersion() + " of " + entity.entityName()
                        + " does not exist." + existingVersions(entity.entityName()));
            }
            throw ServingError.unavailable("The MLflow registry did not answer whether model version "
                    + entity.entityVersion() + " of " + entity.entityName() + " exists: " + e.getMessage());
        } catch (ServingError e) {
            throw e;
        } catch (RuntimeException e) {
            throw ServingError.unavailable("The MLflow server at " + mlflow.trackingUri() + " cannot be reached ("
                    + e.getMessage() + "): start it with `lab up`, then ask again.");
        }
    }

    private String existingVersions(String name) {
        try {
            String versions = mlflow.registry().versions(name).stream().map(ModelVersion::version)
                    .collect(Collectors.joining(", "));
            return versions.isEmpty() ? " Registered model " + name + " does not exist or has no versions."
                    : " Its versions are: " + versions + ".";
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public LoadedEntity load(ServedEntity entity) throws IOException {
        String uri = "models:/" + entity.entityName() + "/" + entity.entityVersion();
        Path directory = models.download(uri);
        JsonNode mlmodel;
        try {
            mlmodel = YAML.readTree(directory.resolve(MlModelFiles.MLMODEL).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("its MLmodel file cannot be read: " + e.getMessage(), e);
        }
        String inputs = mlmodel.path("signature").path("inputs").asText("");
        String gpu = entity.gpu() ? " Workload type " + entity.workloadType() + " is simulated: the model runs on "
                + "the CPU." : "";
        Optional<InputSchema> schema = inputs.isEmpty() ? Optional.empty() : Optional.of(InputSchema.parse(inputs));
        // The loader refuses a model without a spark flavor, saying so.
        ServedModel model = new SparkServedModel(spark, models.load(uri), schema);
        String lookups = "";
        Optional<FeatureSpec> spec = featureSpec(directory);
        if (spec.isPresent()) {
            FeatureLookupModel looking = FeatureLookupModel.of(model, spec.get());
            model = looking;
            lookups = " " + looking.describe();
        }
        if (schema.isEmpty()) {
            return new LoadedEntity(model, "Served without a signature: requests are not checked against a schema."
                    + lookups + gpu);
        }
        return new LoadedEntity(model, "Served with a signature of " + schema.get().columns().size()
                + " input columns." + lookups + gpu);
    }

    private static Optional<FeatureSpec> featureSpec(Path directory) throws IOException {
        Path file = directory.resolve(FeatureSpec.FILE);
        return Files.isRegularFile(file) ? Optional.of(FeatureSpec.fromYaml(Files.readString(file)))
                : Optional.empty();
    }
}
