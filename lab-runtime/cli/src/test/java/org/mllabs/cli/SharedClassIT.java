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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.ContainerEngine;
import org.mllabs.runtime.testing.EngineRequirement;

/**
 * {@code lab up --shared --roster} against a real server with authentication: a user and a credentials file per
 * learner, an experiment another learner took reported; {@code lab reset} of another learner's lab refused for a
 * learner, allowed for the learner and the admin.
 */
@Tag("integration")
class SharedClassIT {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int lab(Map<String, String> overrides, String... args) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove(LabEnvironment.MLFLOW_TRACKING_URI);
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
    void theRosterGetsUsersAndExperimentsAndOnlyTheLearnerOrTheAdminResetsALab() throws IOException {
        if (!ContainerEngine.isAvailable()) {
            EngineRequirement.unmet(LabEnvironment.current(), "no container engine answers; see "
                    + "lab-runtime/environment/README.md");
        }
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

        assertThat(lab(Map.of(), "reset", "lab01", "--learner", "alice")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs a user", LabEnvironment.MLLABS_CREDENTIALS);

        assertThat(lab(Map.of(LabEnvironment.MLLABS_CREDENTIALS, alice.toString()), "reset", "lab01"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Deleted 1 runs, the experiment");

        assertThat(lab(Map.of(LabEnvironment.MLLABS_CREDENTIALS, admin.toString()), "reset", "lab02", "--learner",
                "bob")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Deleted 0 runs, the experiment and 0 registered models of lab02 for bob");

        assertThat(lab(Map.of(), "up", "--shared", "--roster", roster.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Using the running shared MLflow server", "alice: user exists",
                "bob: user exists", "WARNING: /mllabs/alice/lab03 was created by someone else");
    }
}
