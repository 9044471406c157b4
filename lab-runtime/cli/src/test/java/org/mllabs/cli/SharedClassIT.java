package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.cli.classroom.Gradebook;
import org.mllabs.cli.classroom.GradebookRow;
import org.mllabs.cli.classroom.LearnerStatus;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.ContainerEngine;
import org.mllabs.runtime.testing.EngineRequirement;

/**
 * {@code lab up --shared --roster} against a real server with authentication: a user and a credentials file per
 * learner, an experiment another learner took reported; {@code lab reset} of another learner's lab refused for a
 * learner, allowed for the learner and the admin; a class graded on it, each submission logging as its own learner and
 * the gradebook read by the admin.
 */
@Tag("integration")
class SharedClassIT {

    @TempDir
    Path home;

    private final RepositoryLayout repository = RepositoryLayout.locate(LabEnvironment.current());

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int lab(Map<String, String> overrides, String... args) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove(LabEnvironment.MLFLOW_TRACKING_URI);
        variables.remove(RepositoryLayout.MLLABS_REPO);
        variables.remove(LabEnvironment.MLLABS_CREDENTIALS);
        variables.put("MLLABS_HOME", home.toString());
        variables.putAll(overrides);
        return LabCommand.execute(LabEnvironment.withCredentialsFile(variables), new PrintWriter(out, true),
                new PrintWriter(err, true), false, args);
    }

    @AfterEach
    void stopServer() {
        lab(Map.of(), "down");
    }

    @Test
    void aClassOnASharedServerRunsAsItsLearnersAndIsReadByTheAdminOnly(@TempDir Path submissions)
            throws IOException {
        requireEngine();
        Path roster = Files.writeString(home.resolve("class.csv"), "learner,name\nalice,Alice\nbob,Bob\n");
        assertThat(lab(Map.of(), "up", "--shared", "--roster", roster.toString())).as(err.toString())
                .isEqualTo(ExitCodes.OK);
        Path credentials = home.resolve("shared/credentials");
        Map<String, String> asAdmin = Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                credentials.resolve("admin.credentials").toString());
        Map<String, String> asAlice = Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                credentials.resolve("alice.credentials").toString());
        Map<String, String> asBob = Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                credentials.resolve("bob.credentials").toString());
        Lab01Checkout.solved(repository, submissions.resolve("alice"));
        Lab01Checkout.starter(repository, submissions.resolve("bob"));
        Lab01Checkout.solved(repository, submissions.resolve("carol"));
        Lab01Checkout.solved(repository, submissions.resolve("admin"));
        Path gradebook = home.resolve("class-lab01.csv");

        assertThat(grade(asAdmin, submissions, gradebook)).as(out.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("A submission folder is named admin", "Nothing was run");
        LocalFiles.deleteTree(submissions.resolve("admin"));
        assertThat(grade(asAdmin, submissions, gradebook)).as(out.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("1 learner has no credentials file", "carol", "Nothing was run");
        assertThat(gradebook).doesNotExist();

        LocalFiles.deleteTree(submissions.resolve("carol"));
        assertThat(grade(asBob, submissions, gradebook)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("You are bob on this server", "only the admin may");

        assertThat(grade(asAdmin, submissions, gradebook)).as(out.toString() + err).isEqualTo(ExitCodes.OK);
        Map<String, GradebookRow> rows = new Gradebook(gradebook).read().stream()
                .collect(Collectors.toMap(GradebookRow::learner, Function.identity()));
        assertThat(rows.get("alice").status()).as(out.toString()).isEqualTo(LearnerStatus.COMPLETED);
        assertThat(rows.get("alice").fullMarks()).as("alice's run logged as alice, so her experiment is her own: "
                + out).isTrue();
        assertThat(rows.get("bob").status()).isEqualTo(LearnerStatus.STEP_NOT_DONE);

        Path fromServer = home.resolve("server-lab01.csv");
        assertThat(lab(asAdmin, "grade-all", "lab01", "--server", "--gradebook", fromServer.toString()))
                .as(out.toString() + err).isEqualTo(ExitCodes.OK);
        assertThat(new Gradebook(fromServer).read()).anySatisfy(row -> {
            assertThat(row.learner()).isEqualTo("alice");
            assertThat(row.fullMarks()).isTrue();
        });

        assertThat(lab(Map.of(), "grade", "lab01", "--learner", "alice")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("needs a user", LabEnvironment.MLLABS_CREDENTIALS);
        assertThat(lab(Map.of(), "run", "lab01", "--learner", "alice")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("needs a user");
        assertThat(lab(asAlice, "grade", "lab01", "--learner", "alice")).as(out.toString() + err)
                .isEqualTo(ExitCodes.OK);
    }

    private int grade(Map<String, String> user, Path submissions, Path gradebook) {
        return Lab01Checkout.runsAsRoot()
                ? lab(user, "grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                        gradebook.toString(), "--memory", "1g")
                : lab(user, "grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                        gradebook.toString(), "--memory", "1g", "--same-user");
    }

    private static void requireEngine() {
        if (!ContainerEngine.isAvailable()) {
            EngineRequirement.unmet(LabEnvironment.current(), "no container engine answers; see "
                    + "lab-runtime/environment/README.md");
        }
    }

    @Test
    void theRosterGetsUsersAnotherLearnersExperimentStaysHiddenAndOnlyTheLearnerOrTheAdminResetsALab()
            throws IOException {
        requireEngine();
        Path roster = Files.writeString(home.resolve("class.csv"), "learner,name\nalice,Alice\nbob,Bob\n");

        assertThat(lab(Map.of(), "up", "--shared", "--roster", roster.toString())).as(err.toString())
                .isEqualTo(ExitCodes.OK);

        Path credentials = home.resolve("shared/credentials");
        Path alice = credentials.resolve("alice.credentials");
        Path bob = credentials.resolve("bob.credentials");
        Path admin = credentials.resolve("admin.credentials");
        assertThat(Files.getPosixFilePermissions(alice)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(out.toString()).contains("alice: user created", "bob: user created", admin.toString());

        LabEnvironment asAlice = LabEnvironment.withCredentialsFile(Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                alice.toString()));
        String trackingUri = asAlice.get(LabEnvironment.MLFLOW_TRACKING_URI).orElseThrow();
        try (LabMlflow mlflow = LabMlflow.open(URI.create(trackingUri), MlflowCredentials.from(asAlice))) {
            String experiment = mlflow.client().createExperiment(new LearnerId("alice").experimentName("lab01"));
            mlflow.client().createRun(experiment);
        }
        LabEnvironment asBob = LabEnvironment.withCredentialsFile(Map.of(LabEnvironment.MLLABS_CREDENTIALS,
                bob.toString()));
        try (LabMlflow mlflow = LabMlflow.open(URI.create(trackingUri), MlflowCredentials.from(asBob))) {
            assertThat(mlflow.activeExperiment(new LearnerId("alice").experimentName("lab01"))).isEmpty();
            mlflow.client().createExperiment(new LearnerId("bob").experimentName("lab02"));
            mlflow.client().createExperiment(new LearnerId("alice").experimentName("lab03"));
        }

        assertThat(lab(Map.of(LabEnvironment.MLLABS_CREDENTIALS, bob.toString()), "reset", "lab01", "--learner",
                "alice")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("You are bob on this server", "only the admin may reset");

        assertThat(lab(Map.of(), "reset", "lab01", "--learner", "alice")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("needs a user", LabEnvironment.MLLABS_CREDENTIALS);

        assertThat(lab(Map.of(LabEnvironment.MLLABS_CREDENTIALS, alice.toString()), "reset", "lab01"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Deleted 1 runs, the experiment");

        assertThat(lab(Map.of(LabEnvironment.MLLABS_CREDENTIALS, admin.toString()), "reset", "lab02", "--learner",
                "bob")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Deleted 0 runs, the experiment and 0 registered models of lab02 for bob");

        assertThat(lab(Map.of(), "up", "--shared", "--roster", roster.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Using the running shared MLflow server", "published on 127.0.0.1:",
                "alice: user exists",
                "bob: user exists", "WARNING: /mllabs/alice/lab03 was created by someone else");

        assertThat(lab(Map.of(), "up", "--shared", "--bind", "0.0.0.0")).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("is published on 127.0.0.1:", "not on 0.0.0.0 as asked", "lab down");
    }
}
