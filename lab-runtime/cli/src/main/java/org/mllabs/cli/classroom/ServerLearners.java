package org.mllabs.cli.classroom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.Page;
import org.mllabs.runtime.LearnerId;

/** The learners who have worked on a lab on an MLflow server: one per active experiment {@code /mllabs/<id>/<lab>}. */
public final class ServerLearners {

    private static final String PREFIX = "/mllabs/";
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
        Page<Experiment> page = tracking.searchExperiments("name LIKE '" + PREFIX + "%/" + labId + "'",
                ViewType.ACTIVE_ONLY, PAGE_SIZE, List.of("name ASC"));
        while (true) {
            for (Experiment experiment : page.getItems()) {
                learner(experiment.getName(), labId).ifPresentOrElse(learners::add,
                        () -> warn.accept("Left out the experiment " + experiment.getName()
                                + ": its middle part is not a learner id."));
            }
            if (!page.hasNextPage()) {
                return learners;
            }
            page = page.getNextPage();
        }
    }

    /** The learner of an experiment named {@code /mllabs/<id>/<lab>}. */
    static Optional<LearnerId> learner(String experimentName, String labId) {
        String suffix = "/" + labId;
        if (!experimentName.startsWith(PREFIX) || !experimentName.endsWith(suffix)) {
            return Optional.empty();
        }
        String middle = experimentName.substring(PREFIX.length(), experimentName.length() - suffix.length());
        try {
            return Optional.of(new LearnerId(middle));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
