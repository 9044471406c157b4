package org.mllabs.runtime.lab;

import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;

/**
 * A run that a lab's given code opens around the learner's steps: in the learner's experiment of the lab
 * ({@link LabContext#experimentName()}, created when missing), with a name and the tags {@link LabContext#runTags()}.
 * The steps log into it by its {@link #id()}; the given code calls {@link #finish()} after the last step, and closing
 * a run that was not finished ends it FAILED, so a step that throws leaves a failed run, not one running for ever.
 *
 * <pre>{@code
 * try (LabRun run = LabRun.start(context, "feature-pipeline")) {
 *     steps.first(run.id());
 *     run.finish();
 * }
 * }</pre>
 */
public final class LabRun implements AutoCloseable {

    private final MlflowClient mlflow;
    private final String experimentId;
    private final String id;
    private boolean ended;

    private LabRun(MlflowClient mlflow, String experimentId, String id) {
        this.mlflow = mlflow;
        this.experimentId = experimentId;
        this.id = id;
    }

    /** Starts a run with the name in the learner's experiment of the lab, creating the experiment when missing. */
    public static LabRun start(LabContext context, String runName) {
        MlflowClient mlflow = context.tracking();
        String experimentId = context.mlflow().activeExperiment(context.experimentName())
                .map(Experiment::getExperimentId)
                .orElseGet(() -> mlflow.createExperiment(context.experimentName()));
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(runName)
                .setStartTime(System.currentTimeMillis());
        context.runTags().forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return new LabRun(mlflow, experimentId, mlflow.createRun(request.build()).getRunId());
    }

    /** The run's id. */
    public String id() {
        return id;
    }

    /** The id of the experiment it belongs to. */
    public String experimentId() {
        return experimentId;
    }

    /** Ends the run FINISHED. */
    public void finish() {
        end(RunStatus.FINISHED);
    }

    /** Ends the run FAILED unless it was finished. */
    @Override
    public void close() {
        end(RunStatus.FAILED);
    }

    private void end(RunStatus status) {
        if (!ended) {
            mlflow.setTerminated(id, status);
            ended = true;
        }
    }
}
