package org.mllabs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.RunsPage;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.server.MlflowServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lab reset <lab>}: deletes the learner's runs of that lab, and nothing else. */
@Command(name = "reset", description = "Delete your runs of one lab (and nothing else), to start it again.")
final class ResetCommand implements Callable<Integer> {

    private static final int PAGE = 500;

    private final CliSession session;

    @Parameters(paramLabel = "<lab>", description = "The lab, such as lab01.")
    private String labName;

    @Option(names = "--learner", paramLabel = "<id>", description = "Whose runs to delete (default: $MLLABS_LEARNER or your login).")
    private String learnerOption;

    ResetCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = session.labs().get(labName);
        LearnerId learner = session.learner(learnerOption);
        MlflowServer server = session.servers().connect();
        MlflowClient tracking = new MlflowClient(server.trackingUri().toString());
        String experimentName = learner.experimentName(lab.id());
        Experiment experiment = tracking.getExperimentByName(experimentName).orElse(null);
        if (experiment == null) {
            session.say("Nothing to reset: there is no experiment " + experimentName + ".");
            return ExitCodes.OK;
        }
        int deleted = 0;
        List<Run> runs;
        do {
            RunsPage page = tracking.searchRuns(List.of(experiment.getExperimentId()), "", ViewType.ACTIVE_ONLY, PAGE);
            runs = page.getItems();
            for (Run run : runs) {
                tracking.deleteRun(run.getInfo().getRunId());
                deleted++;
            }
        } while (!runs.isEmpty());
        session.say("Deleted " + deleted + " runs of " + lab.id() + " from " + experimentName + ".");
        return ExitCodes.OK;
    }
}
