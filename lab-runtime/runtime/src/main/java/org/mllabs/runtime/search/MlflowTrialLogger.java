package org.mllabs.runtime.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.mlflow.RunSystemTags;

/**
 * Logs each trial as a child run of a parent run, in the parent's experiment: named {@code trial-<number>}, with the
 * given tags (a lab passes {@code LabContext.runTags()}), {@code mlflow.parentRunId}, the trial's number and status
 * as tags, a description ({@value RunSystemTags#NOTE}) unless the given tags have one, its values as params, its loss
 * and extra metrics as metrics, and the run status {@code FINISHED} or {@code FAILED}. When the search is done the
 * parent gets the metric {@code best_loss} and the tags of the best trial's number and run id. The parent run stays
 * open: whoever started it finishes it.
 */
public final class MlflowTrialLogger implements TrialLogger {

    /** The tag with the trial's number. */
    public static final String TRIAL_TAG = "mllabs.search.trial";
    /** The tag with the trial's {@link TrialStatus}. */
    public static final String STATUS_TAG = "mllabs.search.status";
    /** The tag with why a trial failed. */
    public static final String FAILURE_TAG = "mllabs.search.failure";
    /** The parent's tag with the best trial's number. */
    public static final String BEST_TRIAL_TAG = "mllabs.search.best_trial";
    /** The parent's tag with the best trial's run id. */
    public static final String BEST_RUN_TAG = "mllabs.search.best_run_id";
    /** The metric with a trial's loss, and with the best loss on the parent. */
    public static final String LOSS_METRIC = "loss";
    /** The parent's metric with the best loss. */
    public static final String BEST_LOSS_METRIC = "best_loss";

    private static final int MAX_TAG_VALUE = 5000;

    private final MlflowClient client;
    private final String parentRunId;
    private final String experimentId;
    private final Map<String, String> runTags;
    private final Map<Integer, String> runIds = new LinkedHashMap<>();

    /**
     * @param mlflow the client layer
     * @param parentRunId the run the trials nest under; its experiment receives them
     * @param runTags tags every trial run carries, such as {@code LabContext.runTags()}
     */
    public MlflowTrialLogger(LabMlflow mlflow, String parentRunId, Map<String, String> runTags) {
        this.client = mlflow.client();
        this.parentRunId = parentRunId;
        this.experimentId = client.getRun(parentRunId).getInfo().getExperimentId();
        this.runTags = Map.copyOf(runTags);
    }

    @Override
    public void trialDone(Trial trial) {
        Map<String, String> tags = new LinkedHashMap<>(runTags);
        tags.put(RunData.PARENT_RUN_ID, parentRunId);
        tags.put(TRIAL_TAG, String.valueOf(trial.number()));
        tags.put(STATUS_TAG, trial.isOk() ? TrialStatus.OK.name() : TrialStatus.FAIL.name());
        if (!trial.isOk()) {
            String failure = trial.result().failure();
            tags.put(FAILURE_TAG, failure.length() > MAX_TAG_VALUE ? failure.substring(0, MAX_TAG_VALUE) : failure);
        }
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName("trial-" + trial.number())
                .setStartTime(trial.startMillis());
        RunSystemTags.note(tags, "Trial " + trial.number() + " of a search the runtime ran: its values are the "
                        + "params, its loss and other results the metrics.")
                .forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = client.createRun(request.build()).getRunId();

        List<Param> params = new ArrayList<>();
        trial.params().asMap().forEach((label, value) ->
                params.add(Param.newBuilder().setKey(label).setValue(String.valueOf(value)).build()));
        List<Metric> metrics = new ArrayList<>();
        if (trial.isOk()) {
            metrics.add(metric(LOSS_METRIC, trial.loss(), trial.endMillis()));
        }
        trial.result().metrics().forEach((name, value) -> metrics.add(metric(name, value, trial.endMillis())));
        client.logBatch(runId, metrics, params, List.of());
        client.setTerminated(runId, trial.isOk() ? RunStatus.FINISHED : RunStatus.FAILED, trial.endMillis());
        runIds.put(trial.number(), runId);
    }

    @Override
    public void searchDone(Trials trials) {
        trials.best().ifPresent(best -> {
            client.logMetric(parentRunId, BEST_LOSS_METRIC, best.loss());
            client.setTag(parentRunId, BEST_TRIAL_TAG, String.valueOf(best.number()));
            client.setTag(parentRunId, BEST_RUN_TAG, runIds.get(best.number()));
        });
    }

    /** The child run of each trial logged so far, by trial number. */
    public Map<Integer, String> runIds() {
        return Map.copyOf(runIds);
    }

    private static Metric metric(String name, double value, long timestamp) {
        return Metric.newBuilder().setKey(name).setValue(value).setTimestamp(timestamp).setStep(0).build();
    }
}
