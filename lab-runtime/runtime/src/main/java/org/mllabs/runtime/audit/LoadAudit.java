package org.mllabs.runtime.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.ResolvedModel;
import org.mllabs.runtime.model.SparkModels;

/**
 * The models one run of a lab loaded through {@code context.models()}, recorded by the runtime: the {@link SparkModels}
 * of {@link #models} tell this audit of each model they loaded, with the version its URI resolved to. The first load
 * starts the run {@value #RUN_NAME} in the lab's experiment (with the lab's tags and
 * {@value RefusalAudit#TAG}{@code =}{@value #TAG_VALUE}); each load becomes the artifact {@value #DIRECTORY}{@code
 * /<n>.json} of that run ({@link ModelLoad#toJson()}).
 *
 * <p>There is no public way to add an entry: only a load those models carried out themselves is recorded. A lab that
 * logs which model it scored with can then be held to the model it loaded, which a URI typed into a param is not; see
 * the package comment for what the record does and does not guarantee.
 */
public final class LoadAudit {

    /** The name of the run the loads go to. */
    public static final String RUN_NAME = "mllabs-loads";
    /** The value of {@value RefusalAudit#TAG} on that run. */
    public static final String TAG_VALUE = "loads";
    /** The artifact directory of the entries. */
    public static final String DIRECTORY = "loads";

    private final AuditTrail<ModelLoad> trail;

    LoadAudit(Consumer<ModelLoad> sink, Consumer<String> log) {
        this.trail = new AuditTrail<>(sink, log);
    }

    /**
     * The audit of a lab's run, written to the MLflow server.
     *
     * @param mlflow the lab's client layer, asked for on each load (a lab context reopens it after closing)
     * @param experimentName the lab's experiment, created if it does not exist yet
     * @param runTags the lab's tags (lab and learner), so that {@code lab reset} finds the run
     * @param log prints one line for the learner
     */
    public static LoadAudit toMlflow(Supplier<LabMlflow> mlflow, String experimentName, Map<String, String> runTags,
                                     Consumer<String> log) {
        AuditRun run = new AuditRun(mlflow, experimentName, runTags, RUN_NAME, TAG_VALUE, DIRECTORY,
                "The runtime's record of the models this lab loaded: one JSON file per load under "
                + DIRECTORY + "/, with the URI asked for and the registered model, version and source it resolved to.");
        return new LoadAudit(load -> run.accept(load.toJson()), log);
    }

    /**
     * Spark models logged to, registered in and loaded from this server, each load of {@link SparkModels#load}
     * recorded here once it is done (loads through {@link SparkModels#loader()} are not).
     *
     * @param mlflow the server
     * @param cache where downloaded models are kept
     */
    public SparkModels models(LabMlflow mlflow, Path cache) {
        return new SparkModels(mlflow, cache, this::record);
    }

    /** The loads recorded so far, oldest first. */
    public List<ModelLoad> recorded() {
        return trail.recorded();
    }

    private void record(ResolvedModel model) {
        ModelLoad load = new ModelLoad(model.uri(), model.name(), model.version(), model.source(), Instant.now());
        trail.add(load, "The runtime recorded in run " + RUN_NAME + ": loaded " + load.uri()
                + (load.version().isEmpty() ? "" : " (version " + load.version() + ")") + " from " + load.source());
    }
}
