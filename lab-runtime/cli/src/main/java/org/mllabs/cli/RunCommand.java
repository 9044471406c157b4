package org.mllabs.cli;

import java.net.URI;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.mllabs.cli.classroom.LabRunStatusFile;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.lab.LabRunner;
import org.mllabs.runtime.lab.LabVariant;
import org.mllabs.runtime.server.MlflowHealth;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.spark.LabSpark;
import org.mllabs.runtime.spark.SparkOnDemand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lab run <lab> [--solution]}: compiles and runs the learner's code, or the reference solution. The lab's code
 * cannot end the command with a status of its own ({@link LabExitGuard}); a server that stopped answering during the
 * run ends it as an environment failure ({@link ServerWentAway}), not as a fault of the lab's code.
 */
@Command(name = "run", description = "Compile and run a lab: your code, or the reference solution.")
final class RunCommand implements Callable<Integer> {

    private final CliSession session;

    @Mixin
    private LabAndLearner target;

    @Option(names = "--solution", description = "Run the reference solution instead of your code.")
    private boolean solution;

    @Spec
    private CommandSpec spec;

    RunCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = target.lab(session);
        LearnerId learner = target.learner(session);
        LabVariant variant = solution ? LabVariant.SOLUTION : LabVariant.STARTER;
        requireTrees(lab, variant);
        MlflowServer server = session.servers().connect();
        ServerUser.credentials(session.environment(), server.trackingUri());
        Optional<URI> serving = LabServices.serving(session, lab);
        LabHome home = session.home();
        LabRunResult result;
        try (SparkOnDemand spark = new SparkOnDemand(LabSpark.builder().appName("mllabs " + lab.id())
                        .warehouse(home.work("spark-warehouse")));
             LabContext context = new LabContext(lab, learner, server, spark, session.repository().datasets(),
                     home.work(lab.id()), session::say, serving.<Supplier<URI>>map(uri -> () -> uri).orElse(null))) {
            session.say("Running " + lab.id() + " (" + variant.name().toLowerCase(Locale.ROOT) + ") for learner "
                    + learner + ", experiment " + context.experimentName());
            LabExitGuard guard = LabExitGuard.install(lab.id(), session.environment(), spec.commandLine().getErr());
            try {
                result = LabRunner.run(lab, variant, context,
                        home.work(lab.id() + "-" + variant.name().toLowerCase(Locale.ROOT)));
            } finally {
                guard.close();
            }
            Optional<String> serverProblem = MlflowHealth.problem(server.trackingUri());
            if (serverProblem.isPresent()) {
                if (result.status() != LabRunResult.Status.FAILED) {
                    session.say(result.message());
                }
                throw ServerWentAway.during(lab.id(), server, serverProblem.get(), result, home);
            }
            LabRunStatusFile.write(session.environment(), result.status());
            session.say(String.format(Locale.ROOT, "%s (%.1f s)", result.message(),
                    result.duration().toNanos() / 1e9));
            context.mlflow().activeExperiment(context.experimentName()).ifPresent(experiment ->
                    session.say("Your runs: " + server.experimentUrl(experiment.getExperimentId())));
        }
        if (!result.completed()) {
            return ExitCodes.LAB_DID_NOT_COMPLETE;
        }
        session.say("Grade it with: lab grade " + lab.id());
        return ExitCodes.OK;
    }

    /** A learner's copy of the repository has no solution tree: say so rather than fail to compile nothing. */
    private static void requireTrees(LabDescriptor lab, LabVariant variant) {
        for (String tree : variant.sourceTrees()) {
            if (!Files.isDirectory(lab.directory().resolve(tree))) {
                throw new IllegalArgumentException(variant == LabVariant.SOLUTION
                        ? "The reference solution is not part of this copy (" + lab.directory().resolve(tree)
                                + " is missing). Run your own code with: lab run " + lab.id()
                        : "The lab has no source tree " + lab.directory().resolve(tree) + ".");
            }
        }
    }
}
