package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.cli.classroom.LabRunStatusFile;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.testing.FakeMlflowServer;

/**
 * How {@code lab run} ends when something other than the lab's steps stops it: the server going away, the lab's code
 * ending the JVM. The lab is a sample of a checkout of its own; the server a loopback fake.
 */
class RunCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path checkout;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Map<String, String> environment() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove("MLFLOW_TRACKING_URI");
        variables.remove(LabRunStatusFile.VARIABLE);
        variables.put("MLLABS_HOME", home.toString());
        variables.put("MLLABS_REPO", checkout.toString());
        return variables;
    }

    /** Records the fake as the server an earlier {@code lab up} started, as a learner's own server is found. */
    private void recordAsStartedByLabUp(FakeMlflowServer server) throws Exception {
        Files.writeString(new LabHome(home).serverRecord(), """
                {"provider": "LOCAL_PROCESS", "trackingUri": "%s", "pid": %d, "startedAt": "%s"}
                """.formatted(server.uri(), Long.MAX_VALUE, Instant.now()));
    }

    @Test
    void aServerThatDiesDuringTheRunIsAnEnvironmentFailureWithHowToStartItAgain() throws Exception {
        SampleCheckout.write(checkout, "context.tracking().getExperimentByName(context.experimentName());");
        try (FakeMlflowServer server = FakeMlflowServer.diesOnFirstApiCall()) {
            recordAsStartedByLabUp(server);

            int status = LabCommand.execute(new LabEnvironment(environment()), new PrintWriter(out, true),
                    new PrintWriter(err, true), false, "run", SampleCheckout.LAB);

            assertThat(status).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(err.toString()).contains("The MLflow server at " + server.uri(), "went away while lab42 ran",
                    "Your code is not at fault", "Start it again with `lab up`", "run the lab again");
            assertThat(out.toString()).contains("Using the running MLflow server").doesNotContain("Fix the code");
        }
    }

    @Test
    void theLabsCodeCannotEndTheRunWithStatusZero() throws Exception {
        SampleCheckout.write(checkout, "context.log(\"leaving early\");\nSystem.exit(0);");
        Path statusFile = home.resolve("run-status");
        try (FakeMlflowServer server = FakeMlflowServer.diesOnFirstApiCall()) {
            Map<String, String> variables = environment();
            variables.put("MLFLOW_TRACKING_URI", server.uri().toString());
            variables.put(LabRunStatusFile.VARIABLE, statusFile.toString());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), LabCommand.class.getName(), "run",
                    SampleCheckout.LAB));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(home.resolve("out.txt").toFile())
                    .redirectError(home.resolve("err.txt").toFile());
            builder.environment().clear();
            builder.environment().putAll(variables);

            Process lab = builder.start();
            assertThat(lab.waitFor(3, TimeUnit.MINUTES)).isTrue();

            assertThat(lab.exitValue()).isEqualTo(ExitCodes.LAB_DID_NOT_COMPLETE);
            assertThat(Files.readString(home.resolve("out.txt"))).contains("leaving early");
            assertThat(Files.readString(home.resolve("err.txt"))).contains("lab42's code did not run to the end",
                    "System.exit");
            assertThat(statusFile).hasContent("FAILED");
        }
    }
}
