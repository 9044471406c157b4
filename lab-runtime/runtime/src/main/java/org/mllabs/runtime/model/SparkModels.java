package org.mllabs.runtime.model;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.ModelVersion;

/**
 * Spark {@link PipelineModel}s as MLflow models: log one in a run, register it, load it back by URI.
 *
 * <pre>{@code
 * SparkModels models = new SparkModels(mlflow, labHome.work("models"));
 * LoggedModel logged = models.log(runId, pipelineModel, ModelSignature.infer(features.schema(), predictions.schema()));
 * ModelVersion version = models.register("churn", runId, logged.artifactPath());
 * mlflow.registry().setAlias("churn", "Champion", version.version());
 * PipelineModel champion = models.load("models:/churn@Champion");
 * }</pre>
 */
public final class SparkModels {

    private final LabMlflow mlflow;
    private final SparkModelLogger logger;
    private final SparkModelLoader loader;
    private final ModelLoadListener listener;

    /**
     * @param mlflow the server
     * @param cache where downloaded models are kept
     */
    public SparkModels(LabMlflow mlflow, Path cache) {
        this(mlflow, cache, model -> { });
    }

    /**
     * @param mlflow the server
     * @param cache where downloaded models are kept
     * @param listener told of each model {@link #load} loaded, with what its URI resolved to
     */
    public SparkModels(LabMlflow mlflow, Path cache, ModelLoadListener listener) {
        this.mlflow = mlflow;
        this.logger = new SparkModelLogger(mlflow, SparkModelLogger.DEFAULT_PYTHON_VERSION);
        this.loader = new SparkModelLoader(mlflow, cache);
        this.listener = listener;
    }

    /** Logs a model under {@value SparkModelLogger#DEFAULT_ARTIFACT_PATH} of a run; see {@link SparkModelLogger}. */
    public LoggedModel log(String runId, PipelineModel model, ModelSignature signature) {
        return logger.log(runId, SparkModelLogger.DEFAULT_ARTIFACT_PATH, model, signature);
    }

    /** Logs a model under an artifact path of a run; see {@link SparkModelLogger}. */
    public LoggedModel log(String runId, String artifactPath, PipelineModel model, ModelSignature signature) {
        return logger.log(runId, artifactPath, model, signature);
    }

    /** Logs a model {@link SparkModelLogger#save} wrote, with no Spark job; see {@link SparkModelLogger#logSaved}. */
    public LoggedModel logSaved(String runId, String artifactPath, Path saved, ModelSignature signature) {
        return logger.logSaved(runId, artifactPath, saved, signature);
    }

    /**
     * Registers a model logged in a run as the next version of a registered model, which is created if absent. The
     * version's source is {@code <run artifact URI>/<artifactPath>}.
     *
     * @return the new version, READY
     */
    public ModelVersion register(String name, String runId, String artifactPath) {
        if (mlflow.registry().findRegisteredModel(name).isEmpty()) {
            mlflow.registry().createRegisteredModel(name, Map.of(), null);
        }
        String source = mlflow.artifactUriOf(runId) + "/" + artifactPath;
        return mlflow.registry().createModelVersion(name, source, runId, Map.of(), null);
    }

    /**
     * Loads a model by URI: {@code runs:/RUN_ID/PATH}, {@code models:/NAME/VERSION} or {@code models:/NAME@ALIAS}. The
     * URI is resolved once, the model loaded from what it resolved to, and then the listener is told.
     */
    public PipelineModel load(String modelUri) {
        ResolvedModel resolved = loader.locate(modelUri);
        PipelineModel model = loader.load(resolved);
        listener.loaded(resolved);
        return model;
    }

    /** The loader, for resolving and downloading without loading; the listener is told of no load through it. */
    public SparkModelLoader loader() {
        return loader;
    }
}
