package org.mllabs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RegisteredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lab reset <lab>}: deletes the learner's runs of that lab and the registered models the lab tagged as that
 * learner's, and nothing else.
 */
@Command(name = "reset", description = "Delete your runs and registered models of one lab (and nothing else), to start it again.")
final class ResetCommand implements Callable<Integer> {

    private static final int PAGE = 500;

    private final CliSession session;

    @Mixin
    private LabAndLearner target;


    ResetCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = target.lab(session);
        LearnerId learner = target.learner(session);
        try (LabMlflow mlflow = LabMlflow.open(session.servers().connect().trackingUri())) {
            int runs = mlflow.activeExperiment(learner.experimentName(lab.id()))
                    .map(experiment -> deleteRuns(mlflow.client(), experiment.getExperimentId()))
                    .orElse(0);
            int models = deleteModels(mlflow, lab.id(), learner);
            session.say("Deleted " + runs + " runs and " + models + " registered models of " + lab.id()
                    + " for " + learner + ".");
        }
        return ExitCodes.OK;
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

    /** Registered models carrying the lab's and the learner's tags, as labs that register models set them. */
    private static int deleteModels(LabMlflow mlflow, String labId, LearnerId learner) {
        int deleted = 0;
        for (RegisteredModel model : mlflow.registry().searchRegisteredModels("")) {
            if (labId.equals(model.tags().get(LabContext.LAB_TAG))
                    && learner.value().equals(model.tags().get(LearnerId.TAG))) {
                mlflow.registry().deleteRegisteredModel(model.name());
                deleted++;
            }
        }
        return deleted;
    }
}
