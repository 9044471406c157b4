package org.mllabs.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.ModelVersion;

/**
 * Loads a Spark model logged as an MLflow model back into Java from a {@link ModelUri}: an alias resolves to a
 * version, a version to its source, a run to its artifact root, a logged model of MLflow 3 ({@code models:/m-...},
 * the source of a version registered from Python MLflow 3's {@code Model.log(name=...)}) to its own artifact
 * location, as the server's {@code logged-models} API reports it; the model's directory is downloaded through the
 * artifact proxy into a cache directory and read from its copy in Spark's local format ({@link LocalModelCopy}), or,
 * for a model logged without one (from Python), with {@link PipelineModel#load(String)}. A model with a local copy is
 * downloaded without its standard copy, which would only be read by the other reader.
 *
 * <p>The cache is keyed by the resolved source, which never changes for a version, so moving an alias loads the new
 * version while loading the same version twice downloads it once. Threads may load at once: each downloads into a
 * folder of its own, moved into place whole.
 */
public final class SparkModelLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final LabMlflow mlflow;
    private final Path cache;

    /**
     * @param mlflow the server
     * @param cache where downloaded models are kept
     */
    public SparkModelLoader(LabMlflow mlflow, Path cache) {
        this.mlflow = mlflow;
        this.cache = cache;
    }

    /** Loads the model a URI names. */
    public PipelineModel load(String modelUri) {
        return load(locate(modelUri));
    }

    /** Loads the model from the source it was resolved to, so that what is loaded is what {@link #locate} found. */
    PipelineModel load(ResolvedModel model) {
        Path directory = download(model);
        JsonNode spark = readMlModel(directory).path("flavors").path("spark");
        if (spark.isMissingNode()) {
            throw new IllegalArgumentException("The model at " + model.uri() + " has no spark flavor in its MLmodel, "
                    + "so it is not a Spark model; log it with SparkModelLogger or Python's mlflow.spark.log_model");
        }
        if (LocalModelCopy.isIn(directory)) {
            return LocalModelCopy.read(directory);
        }
        return PipelineModel.load(directory.resolve(spark.path("model_data").asText(MlModelFiles.MODEL_DATA))
                .toUri().toString());
    }

    /**
     * Downloads the model a URI names, unless it is already in the cache, and returns its local directory: every file
     * of the model but the standard {@value MlModelFiles#MODEL_DATA} copy when it has a local one.
     */
    public Path download(String modelUri) {
        return download(locate(modelUri));
    }

    private Path download(ResolvedModel model) {
        String modelUri = model.uri();
        String source = model.source();
        Path target = cache.resolve(key(source));
        if (Files.isRegularFile(target.resolve(MlModelFiles.MLMODEL))) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path partial = Files.createTempDirectory(cache, "download");
            boolean localCopy = mlflow.artifacts().entries(source).stream()
                    .anyMatch(entry -> entry.isDir() && entry.path().equals(LocalModelCopy.DIRECTORY));
            mlflow.artifacts().downloadDirectory(source, partial,
                    entry -> !(localCopy && entry.path().equals(MlModelFiles.MODEL_DATA)));
            if (!Files.isRegularFile(partial.resolve(MlModelFiles.MLMODEL))) {
                LocalFiles.deleteTree(partial);
                throw new IllegalArgumentException(modelUri + " resolves to " + source + ", which has no "
                        + MlModelFiles.MLMODEL + " file: it is not an MLflow model directory");
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another thread downloaded the same source meanwhile (two versions of one source): keep its copy.
                // Linux refuses the rename onto a full directory with ENOTEMPTY, which Java reports as a plain
                // FileSystemException, so the copy in place decides, not the exception's class.
                LocalFiles.deleteTree(partial);
                if (!Files.isRegularFile(target.resolve(MlModelFiles.MLMODEL))) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the downloaded model " + modelUri + " in " + cache, e);
        }
        return target;
    }

    /** The artifact URI of the model's directory, such as {@code mlflow-artifacts:/1/<run>/artifacts/model}. */
    public String resolve(String modelUri) {
        return locate(modelUri).source();
    }

    /**
     * What a URI names now: an alias resolved to its version (asked of the registry once), a version to its source, a
     * run to its artifact root.
     */
    public ResolvedModel locate(String modelUri) {
        ModelUri parsed = ModelUri.parse(modelUri);
        if (parsed instanceof ModelUri.RunModel run) {
            return new ResolvedModel(modelUri, "", "", mlflow.artifactUriOf(run.runId()) + "/" + run.path());
        }
        if (parsed instanceof ModelUri.LoggedModelId logged) {
            return new ResolvedModel(modelUri, "", "", loggedModelArtifacts(logged.modelId()));
        }
        ModelVersion version;
        if (parsed instanceof ModelUri.RegisteredAlias alias) {
            version = mlflow.registry().getVersionByAlias(alias.name(), alias.alias());
        } else {
            ModelUri.RegisteredVersion numbered = (ModelUri.RegisteredVersion) parsed;
            version = mlflow.registry().getModelVersion(numbered.name(), numbered.version());
        }
        String source = version.source().startsWith("runs:/") || version.source().startsWith("models:/")
                ? resolve(version.source()) : version.source();
        return new ResolvedModel(modelUri, version.name(), version.version(), source);
    }

    /** Where a logged model's files are, as the server records it. */
    private String loggedModelArtifacts(String modelId) {
        try {
            String uri = mlflow.rest().get("logged-models/" + modelId, Map.of()).path("model").path("info")
                    .path("artifact_uri").asText("");
            if (uri.isEmpty()) {
                throw new IllegalStateException("The server's record of the logged model " + modelId
                        + " has no artifact_uri");
            }
            return uri;
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                throw new IllegalArgumentException("models:/" + modelId + " names no logged model on the server "
                        + "(" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    private static JsonNode readMlModel(Path directory) {
        try {
            return YAML.readTree(directory.resolve(MlModelFiles.MLMODEL).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + directory.resolve(MlModelFiles.MLMODEL), e);
        }
    }

    private static String key(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
