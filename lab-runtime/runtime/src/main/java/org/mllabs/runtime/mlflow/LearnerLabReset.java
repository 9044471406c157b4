package org.mllabs.runtime.mlflow;

import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.LabTag;
import org.mllabs.runtime.LearnerId;

/**
 * Deletes one learner's work on one lab, and nothing else: the learner's experiment of the lab with its runs, and the
 * registered models tagged with the lab and the learner (labs that register models tag them with
 * {@code LabContext.runTags()}). Runs and the experiment are deleted the MLflow way: moved to the deleted lifecycle
 * stage, out of every search for active ones, until the server's garbage collection removes them. The experiment is
 * renamed first ({@code /mllabs/ada/lab01} becomes {@code /mllabs/ada/lab01.deleted-<time>}), because MLflow keeps a
 * deleted experiment's name taken: the lab's next run creates its experiment anew, as a first run does.
 */
public final class LearnerLabReset {

    private static final int PAGE = 500;

    private final LabMlflow mlflow;

    /**
     * @param mlflow the server to delete on
     */
    public LearnerLabReset(LabMlflow mlflow) {
        this.mlflow = mlflow;
    }

    /** How much was deleted: the runs, whether the experiment, and the registered models. */
    public record Deleted(int runs, boolean experiment, int models) {

        /** Whether there was anything to delete. */
        public boolean any() {
            return runs > 0 || experiment || models > 0;
        }

        @Override
        public String toString() {
            return runs + " runs, " + (experiment ? "the experiment" : "no experiment") + " and " + models
                    + " registered models";
        }
    }

    /** Deletes the learner's experiment of the lab, its runs, and the learner's registered models of the lab. */
    public Deleted reset(String labId, LearnerId learner) {
        Optional<Experiment> experiment = mlflow.activeExperiment(learner.experimentName(labId));
        int runs = 0;
        if (experiment.isPresent()) {
            String id = experiment.get().getExperimentId();
            runs = deleteRuns(mlflow.client(), id);
            mlflow.client().renameExperiment(id, experiment.get().getName() + ".deleted-" + System.currentTimeMillis());
            mlflow.client().deleteExperiment(id);
        }
        return new Deleted(runs, experiment.isPresent(), deleteModels(labId, learner));
    }

    private static int deleteRuns(MlflowClient tracking, String experimentId) {
        int deleted = 0;
        List<Run> runs;
        do {
            runs = tracking.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, PAGE).getItems();
            for (Run run : runs) {
                tracking.deleteRun(run.getInfo().getRunId());
                deleted++;
            }
        } while (!runs.isEmpty());
        return deleted;
    }

    private int deleteModels(String labId, LearnerId learner) {
        int deleted = 0;
        for (RegisteredModel model : mlflow.registry().searchRegisteredModels("")) {
            if (labId.equals(model.tags().get(LabTag.NAME))
                    && learner.value().equals(model.tags().get(LearnerId.TAG))) {
                mlflow.registry().deleteRegisteredModel(model.name());
                deleted++;
            }
        }
        return deleted;
    }
}
