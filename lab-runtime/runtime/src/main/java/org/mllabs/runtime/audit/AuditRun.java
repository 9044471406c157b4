package org.mllabs.runtime.audit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunSystemTags;

/**
 * A run of the lab's experiment the runtime writes its own record to, one JSON artifact an entry
 * ({@code <directory>/<n>.json}): started on the first entry with the lab's tags and
 * {@value RefusalAudit#TAG}{@code =<tag value>} and a description of what it records, FINISHED after each entry.
 */
final class AuditRun implements Consumer<String> {

    private final Supplier<LabMlflow> mlflow;
    private final String experimentName;
    private final Map<String, String> runTags;
    private final String runName;
    private final String tagValue;
    private final String directory;
    private final String description;
    private String runId;
    private int entries;

    /**
     * @param mlflow the lab's client layer, asked for on each entry (a lab context reopens it after closing)
     * @param experimentName the lab's experiment, created if it does not exist yet
     * @param runTags the lab's tags (lab and learner), so that {@code lab reset} finds the run
     * @param runName the run's name
     * @param tagValue the value of {@value RefusalAudit#TAG} on the run
     * @param directory the artifact directory of the entries
     * @param description the run's description ({@value RunSystemTags#NOTE}): what the runtime records in it
     */
    AuditRun(Supplier<LabMlflow> mlflow, String experimentName, Map<String, String> runTags, String runName,
             String tagValue, String directory, String description) {
        this.mlflow = mlflow;
        this.experimentName = experimentName;
        this.runTags = runTags;
        this.runName = runName;
        this.tagValue = tagValue;
        this.directory = directory;
        this.description = description;
    }

    @Override
    public synchronized void accept(String json) {
        LabMlflow client = mlflow.get();
        if (runId == null) {
            runId = start(client);
        }
        entries++;
        client.artifacts().upload(runId, String.format(Locale.ROOT, "%s/%04d.json", directory, entries),
                json.getBytes(StandardCharsets.UTF_8));
        client.client().setTerminated(runId, RunStatus.FINISHED);
    }

    private String start(LabMlflow client) {
        String experimentId = client.activeExperiment(experimentName).map(e -> e.getExperimentId())
                .orElseGet(() -> client.client().createExperiment(experimentName));
        CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName)
                .setStartTime(System.currentTimeMillis())
                .addTags(RunTag.newBuilder().setKey(RefusalAudit.TAG).setValue(tagValue));
        RunSystemTags.note(runTags, description)
                .forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return client.client().createRun(request.build()).getRunId();
    }
}
