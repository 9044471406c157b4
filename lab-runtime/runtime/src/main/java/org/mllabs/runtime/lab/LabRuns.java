package org.mllabs.runtime.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.mlflow.RunData;

/**
 * A lab's runs in the learner's experiment: the experiment {@link LabContext#experimentName()}, found or created, and
 * runs started in it with the lab's tags ({@link LabContext#runTags()}), top-level or nested under a parent run.
 * For a lab's given code and for steps whose subject is not the bookkeeping of runs.
 *
 * <pre>{@code
 * LabRuns runs = new LabRuns(context);
 * String parent = runs.start("cross-validation");
 * runs.finishAfter(parent, () -> {
 *     String child = runs.startNested(parent, "regParam=0.01");
 *     ...
 *     runs.end(child, RunStatus.FINISHED);
 *     return child;
 * });
 * }</pre>
 */
public final class LabRuns {

    private final LabContext context;
    private final MlflowClient tracking;
    private String experimentId;

    /** The runs of the lab the context runs, for the context's learner. */
    public LabRuns(LabContext context) {
        this.context = context;
        this.tracking = context.tracking();
    }

    /** The id of the active experiment named {@link LabContext#experimentName()}, created when there is none. */
    public synchronized String experimentId() {
        if (experimentId == null) {
            experimentId = context.mlflow().activeExperiment(context.experimentName())
                    .map(experiment -> experiment.getExperimentId())
                    .orElseGet(() -> tracking.createExperiment(context.experimentName()));
        }
        return experimentId;
    }

    /** Starts a top-level run with the name and the lab's tags; the run stays RUNNING. Returns its id. */
    public String start(String runName) {
        return start(runName, context.runTags());
    }

    /**
     * Starts a run nested under the parent (the tag {@value RunData#PARENT_RUN_ID}) with the name and the lab's tags;
     * the run stays RUNNING. Returns its id.
     */
    public String startNested(String parentRunId, String runName) {
        Map<String, String> tags = new LinkedHashMap<>(context.runTags());
        tags.put(RunData.PARENT_RUN_ID, parentRunId);
        return start(runName, tags);
    }

    /** Ends the run with the status, such as {@code FINISHED}. */
    public void end(String runId, RunStatus status) {
        tracking.setTerminated(runId, status);
    }

    /**
     * Does the work, then ends the run FINISHED; when the work throws, ends the run FAILED and throws on, as Python's
     * {@code with mlflow.start_run():} does. Returns what the work returns.
     */
    public <T> T finishAfter(String runId, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            end(runId, RunStatus.FAILED);
            throw e;
        }
        end(runId, RunStatus.FINISHED);
        return result;
    }

    private String start(String runName, Map<String, String> tags) {
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId())
                .setRunName(runName)
                .setStartTime(System.currentTimeMillis());
        tags.forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return tracking.createRun(request.build()).getRunId();
    }
}
