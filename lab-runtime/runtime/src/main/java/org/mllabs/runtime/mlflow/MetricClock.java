package org.mllabs.runtime.mlflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.api.proto.Service.Metric;

/**
 * Timestamps of metrics logged over steps, strictly increasing for each metric of a run: a value logged at a later
 * step than the metric's last one, with a timestamp not after that one's (a loop that reads the clock once, or
 * several values logged within one millisecond), gets the last timestamp plus one millisecond. Every other timestamp,
 * a value re-logged at the same step included, is kept as given. MLflow's charts by wall time then draw one point a
 * step rather than a vertical line.
 */
final class MetricClock {

    /** The last step and timestamp of a metric. */
    private record Last(long step, long timestamp) {
    }

    private final Map<String, Last> last = new ConcurrentHashMap<>();

    /** The timestamp to log for the metric's value at the step. */
    long timestamp(String runId, String key, long step, long timestamp) {
        return last.compute(runId + '\u0000' + key, (ignored, previous) ->
                previous != null && step > previous.step() && timestamp <= previous.timestamp()
                        ? new Last(step, previous.timestamp() + 1)
                        : new Last(step, timestamp)).timestamp();
    }

    /** The metric with its timestamp from {@link #timestamp}. */
    Metric stamped(String runId, Metric metric) {
        long timestamp = timestamp(runId, metric.getKey(), metric.getStep(), metric.getTimestamp());
        return timestamp == metric.getTimestamp() ? metric : metric.toBuilder().setTimestamp(timestamp).build();
    }
}
