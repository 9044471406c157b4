package org.mllabs.runtime.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;

/**
 * MLflow's Java client as a lab gets it: every run it creates carries the {@link RunSystemTags} the request does not
 * set itself, as Python's {@code mlflow.start_run} adds them, and the metrics it logs over steps get strictly
 * increasing timestamps ({@link MetricClock}). Everything else is the Java client's.
 */
final class LabTrackingClient extends MlflowClient {

    private final transient Optional<RunSystemTags> systemTags;
    private final transient MetricClock clock = new MetricClock();

    LabTrackingClient(MlflowHostCredsProvider credentials, Optional<RunSystemTags> systemTags) {
        super(credentials);
        this.systemTags = systemTags;
    }

    @Override
    public RunInfo createRun(CreateRun request) {
        return super.createRun(systemTags.map(tags -> tags.completing(request)).orElse(request));
    }

    @Override
    public void logMetric(String runId, String key, double value, long timestamp, long step) {
        super.logMetric(runId, key, value, clock.timestamp(runId, key, step, timestamp), step);
    }

    @Override
    public void logBatch(String runId, Iterable<Metric> metrics, Iterable<Param> params, Iterable<RunTag> tags) {
        List<Metric> stamped = new ArrayList<>();
        if (metrics != null) {
            metrics.forEach(metric -> stamped.add(clock.stamped(runId, metric)));
        }
        super.logBatch(runId, stamped, params, tags);
    }
}
