package org.mllabs.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.mllabs.cli.classroom.Roster;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.LearnerAccounts;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.SharedServerAuth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab up}: starts the MLflow server, listening on loopback only, or finds the one already running. With
 * {@code --shared}, a class server with MLflow's own authentication: an admin, and with {@code --roster} one user per
 * learner; the experiments a learner creates only that learner (and the admin) can read or change.
 */
@Command(name = "up", description = "Start the MLflow server (or find the one that is running). A new server listens "
        + "on 127.0.0.1 only unless --shared --bind names another address.")
final class UpCommand implements Callable<Integer> {

    private final CliSession session;

    @Option(names = "--port", paramLabel = "<port>", description = "Host port for a new server (default: a free one).")
    private Integer port;

    @Option(names = "--shared", description = "A class server with authentication: each learner logs in as their own "
            + "MLflow user and sees only their own work; graders read as the admin.")
    private boolean shared;

    @Option(names = "--bind", paramLabel = "<address>", description = "With --shared: the address the server listens "
            + "on, such as 0.0.0.0 for every interface (default: 127.0.0.1, this machine only).")
    private String bind;

    @Option(names = "--roster", paramLabel = "<file>", description = "With --shared: the class list (one learner id a "
            + "line, or a CSV whose first column is the id); each learner gets a user and a credentials file.")
    private Path roster;

    @Option(names = "--url", paramLabel = "<url>", description = "With --shared: the address learners reach the server "
            + "at, written into their credentials files (default: the server's own address).")
    private URI learnerUrl;

    @Option(names = "--credentials", paramLabel = "<dir>", description = "With --shared: where the credentials files "
            + "are written (default: shared/credentials in the state directory).")
    private Path credentials;

    UpCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        OptionalInt hostPort = port == null ? OptionalInt.empty() : OptionalInt.of(port);
        if (!shared) {
            if (bind != null || roster != null || learnerUrl != null || credentials != null) {
                throw new IllegalArgumentException("--bind, --roster, --url and --credentials belong to a shared "
                        + "server: add --shared.");
            }
            MlflowServer server = session.servers().up(hostPort);
            session.say("MLflow UI: " + server.uiUrl());
            return ExitCodes.OK;
        }
        SharedServerFiles files = new SharedServerFiles(session.home());
        Path credentialsDirectory = credentials == null ? files.credentials() : credentials;
        Optional<Roster> learners = Optional.ofNullable(roster).map(Roster::read);
        SharedServerAuth auth = SharedServerAuth.loadOrCreate(files.serverAuth());
        MlflowServer server = session.servers().upShared(hostPort, bind == null ? "127.0.0.1" : bind, auth);
        URI learnersUri = learnerUrl == null ? server.trackingUri() : learnerUrl;
        Path adminFile = credentialsDirectory.resolve(SharedServerAuth.ADMIN + ".credentials");
        writeAdminCredentials(adminFile, server.trackingUri(), auth.admin());
        session.say("MLflow UI: " + server.uiUrl() + " (shared: every request needs a user's credentials)");
        session.say("Admin credentials (for grading and resets): " + adminFile);
        if (learners.isPresent()) {
            List<String> labIds = session.labs().all().stream().map(LabDescriptor::id).toList();
            try (LabMlflow admin = LabMlflow.open(server.trackingUri(), Optional.of(auth.admin()))) {
                LearnerAccounts accounts = new LearnerAccounts(admin);
                for (LearnerId learner : learners.get().learners()) {
                    report(accounts.open(learner, labIds, learnersUri, credentialsDirectory));
                }
            }
            session.say("Hand each learner their file from " + credentialsDirectory + "; they run "
                    + "`export " + LabEnvironment.MLLABS_CREDENTIALS + "=<their file>` before any lab command.");
        }
        return ExitCodes.OK;
    }

    private void report(LearnerAccounts.Account account) {
        session.say(account.learner() + ": " + (account.userCreated() ? "user created" : "user exists")
                + ", credentials in " + account.credentialsFile());
        for (String experiment : account.foreignExperiments()) {
            session.say("  WARNING: " + experiment + " was created by someone else and " + account.learner()
                    + " cannot write to it: delete it as admin (lab reset <lab> --learner " + account.learner()
                    + ").");
        }
    }

    private static void writeAdminCredentials(Path file, URI trackingUri, MlflowCredentials admin) {
        LocalFiles.writePrivate(file, String.join("\n",
                "# The shared MLflow server's admin: for grading and resets, never for learners.",
                LabEnvironment.MLFLOW_TRACKING_URI + "=" + trackingUri,
                MlflowCredentials.USERNAME_VARIABLE + "=" + admin.username(),
                MlflowCredentials.PASSWORD_VARIABLE + "=" + admin.password(),
                ""));
    }
}
