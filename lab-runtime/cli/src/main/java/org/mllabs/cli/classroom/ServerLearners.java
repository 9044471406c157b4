package org.mllabs.cli.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.Page;
import org.mllabs.runtime.LearnerId;

/** The learners who have worked on a lab on an MLflow server: one per active experiment {@code /mllabs/<id>/<lab>}. */
public final class ServerLearners {

    private static final int PAGE_SIZE = 1000;

    private ServerLearners() {
    }

    /**
     * Every learner with an experiment of the lab, sorted by id.
     *
     * @param warn told about each matching experiment whose middle part is not a learner id (it is left out)
     */
    public static List<LearnerId> of(MlflowClient tracking, String labId, Consumer<String> warn) {
        List<LearnerId> learners = new ArrayList<>();
        Page<Experiment> page = tracking.searchExperiments(
                "name LIKE '" + LearnerId.EXPERIMENT_ROOT + "%/" + labId + "'",
                ViewType.ACTIVE_ONLY, PAGE_SIZE, List.of("name ASC"));
        while (true) {
            for (Experiment experiment : page.getItems()) {
                LearnerId.ofExperiment(experiment.getName(), labId).ifPresentOrElse(learners::add,
                        () -> warn.accept("Left out the experiment " + experiment.getName()
                                + ": its middle part is not a learner id."));
            }
            if (!page.hasNextPage()) {
                return learners;
            }
            page = page.getNextPage();
        }
    }
}
