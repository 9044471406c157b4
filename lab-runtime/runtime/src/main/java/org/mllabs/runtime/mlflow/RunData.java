package org.mllabs.runtime.mlflow;

import java.util.Map;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;

/** A run's params, tags and latest metrics as maps, and the name to show it by. */
public final class RunData {

    private RunData() {
    }

    /** The run's params by key. */
    public static Map<String, String> params(Run run) {
        return run.getData().getParamsList().stream()
                .collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue(), (a, b) -> b));
    }

    /** The run's tags by key. */
    public static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream()
                .collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue(), (a, b) -> b));
    }

    /** The latest value of each of the run's metrics, by key. */
    public static Map<String, Double> metrics(Run run) {
        return run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue, (a, b) -> b));
    }

    /** The run's name, or its id when it has none. */
    public static String name(Run run) {
        return run.getInfo().getRunName().isEmpty() ? run.getInfo().getRunId() : run.getInfo().getRunName();
    }

    /** The run's id. */
    public static String id(Run run) {
        return run.getInfo().getRunId();
    }

    /** The tag MLflow nests a run under its parent with. */
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";

    /** Whether the run is nested under another. */
    public static boolean isChild(Run run) {
        return tags(run).containsKey(PARENT_RUN_ID);
    }
}
