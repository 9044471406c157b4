package org.mllabs.lab09;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.PipelineModel;
import org.mllabs.runtime.search.Params;

/**
 * The pipeline each trial fitted, by the trial's values. The objective keeps its model here (trials run on two
 * threads at once, so it is a concurrent map); once a search is over, {@link SearchLab} logs the best trial's model
 * under that trial's run.
 */
final class TrialModels {

    private final Map<Params, PipelineModel> models = new ConcurrentHashMap<>();

    /** Keeps the model a trial fitted with these values. */
    void keep(Params params, PipelineModel model) {
        models.put(params, model);
    }

    /** The model fitted with these values, if a trial kept one. */
    Optional<PipelineModel> fittedWith(Params params) {
        return Optional.ofNullable(models.get(params));
    }
}
