package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.testing.FakeMlflowServer;

/**
 * How a server is chosen when none can be had, what is taken for MLflow, what {@code down} finds, and the messages that
 * say what to do.
 */
class MlflowServersTest {

    @TempDir
    Path home;

    private final List<String> announced = new ArrayList<>();

    private MlflowServers servers(Map<String, String> environment, boolean engine) {
        return new MlflowServers(new LabHome(home), new LabEnvironment(environment), announced::add, () -> engine);
    }

    @Test
    void withNoEngineNoMlflowAndNoUriOneMessageNamesTheThreeWaysToGetAServer() {
        assertThatThrownBy(() -> servers(Map.of("PATH", ""), false).connect())
                .isInstanceOf(MlflowServerException.class)
                .hasMessageContaining("container engine")
                .hasMessageContaining("pip install mlflow==" + MlflowServerVersion.mlflow())
                .hasMessageContaining("MLFLOW_TRACKING_URI");
    }

    @Test
    void anUnreachableTrackingUriIsReportedWithWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> servers(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:" + closedPort), true).connect())
                .isInstanceOf(MlflowServerException.class)
                .hasMessageContaining("http://127.0.0.1:" + closedPort)
                .hasMessageContaining("does not answer")
                .hasMessageContaining("unset it");
    }

    @Test
    void aTakenPortIsRefusedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> servers(Map.of("PATH", ""), true).up(OptionalInt.of(taken.getLocalPort())))
                    .isInstanceOf(MlflowServerException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " is already in use")
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void aForcedProviderThatIsMissingSaysSo() {
        assertThatThrownBy(() -> servers(Map.of("MLLABS_SERVER", "process", "PATH", ""), true).connect())
                .hasMessageContaining("`mlflow` is not on PATH");
        assertThatThrownBy(() -> servers(Map.of("MLLABS_SERVER", "container"), false).connect())
                .hasMessageContaining("no container engine answers");
        assertThatThrownBy(() -> servers(Map.of("MLLABS_SERVER", "cloud"), true).connect())
                .hasMessageContaining("is not a provider");
    }

    @Test
    void aRecordedServerThatNoLongerAnswersIsForgottenButItsDataStays() throws IOException {
        Path data = new LabHome(home).mlflowState().resolve("mlflow.db");
        Files.writeString(data, "learner's runs");
        new ServerRecord(MlflowServer.Provider.LOCAL_PROCESS, "http://127.0.0.1:9", null, Long.MAX_VALUE, null, "then")
                .write(new LabHome(home).serverRecord());

        assertThatThrownBy(() -> servers(Map.of("PATH", ""), false).connect())
                .isInstanceOf(MlflowServerException.class);

        assertThat(announced).anyMatch(line -> line.contains("no longer answers"));
        assertThat(new LabHome(home).serverRecord()).doesNotExist();
        assertThat(data).hasContent("learner's runs");
    }

    @Test
    void aProgramThatAnswersHealthButNotVersionIsNotTakenForMlflow() {
        try (FakeMlflowServer notMlflow = FakeMlflowServer.healthOnly()) {
            assertThat(MlflowHealth.problem(notMlflow.uri())).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("/version answered HTTP 404", "another program listens there"));
            assertThatThrownBy(() -> servers(Map.of("MLFLOW_TRACKING_URI", notMlflow.uri().toString()), true).connect())
                    .isInstanceOf(MlflowServerException.class)
                    .hasMessageContaining(notMlflow.uri() + " (from MLFLOW_TRACKING_URI) does not answer")
                    .hasMessageContaining("/version answered HTTP 404");
        }
    }

    @Test
    void aServerWithMlflowsAuthenticationIsTakenForMlflowBeforeAnyoneGivesCredentials() {
        try (FakeMlflowServer shared = FakeMlflowServer.askingForCredentials("Basic realm=\"mlflow\"")) {
            assertThat(MlflowHealth.problem(shared.uri())).isEmpty();
        }
    }

    @Test
    void aProgramThatAsksForCredentialsOfAnotherRealmIsNotTakenForMlflow() {
        try (FakeMlflowServer notMlflow = FakeMlflowServer.askingForCredentials("Basic realm=\"grafana\"")) {
            assertThat(MlflowHealth.problem(notMlflow.uri())).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("/version answered HTTP 401", "another program listens there"));
        }
    }

    @Test
    void aRecordedServerWhosePortNowAnswersHealthOnlyIsNotUsed() {
        try (FakeMlflowServer notMlflow = FakeMlflowServer.healthOnly()) {
            new ServerRecord(MlflowServer.Provider.LOCAL_PROCESS, notMlflow.uri().toString(), null, Long.MAX_VALUE,
                    null, "then").write(new LabHome(home).serverRecord());

            assertThatThrownBy(() -> servers(Map.of("PATH", ""), false).connect())
                    .isInstanceOf(MlflowServerException.class);

            assertThat(announced).anyMatch(line -> line.contains("no longer answers") && line.contains("/version"))
                    .noneMatch(line -> line.startsWith("Using the running MLflow server"));
            assertThat(servers(Map.of(), false).running()).isEmpty();
        }
    }

    @Test
    void aServerThatAnswersHealthAndItsVersionIsTakenForMlflow() {
        try (FakeMlflowServer mlflow = FakeMlflowServer.diesOnFirstApiCall()) {
            assertThat(MlflowHealth.problem(mlflow.uri())).isEmpty();
        }
    }

    @Test
    void downWithNothingRecordedStopsNothing() {
        assertThat(servers(Map.of(), false).down()).isEmpty();
    }

    @Test
    void downSaysARecordedProcessThatHadEndedWasAlreadyGoneAndForgetsIt() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        record(ended.pid(), Instant.now());

        Optional<ServerStop> stop = servers(Map.of(), false).down();

        assertThat(stop).map(ServerStop::outcome).contains(ServerStop.Outcome.ALREADY_GONE);
        assertThat(new LabHome(home).serverRecord()).doesNotExist();
    }

    @Test
    void downStopsARecordedProcessThatRuns() throws Exception {
        Process server = new ProcessBuilder("sleep", "60").start();
        try {
            record(server.pid(), Instant.now().plusSeconds(2));

            Optional<ServerStop> stop = servers(Map.of(), false).down();

            assertThat(stop).map(ServerStop::outcome).contains(ServerStop.Outcome.STOPPED);
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void downLeavesAloneAProcessThatGotTheRecordedIdAfterTheServerEnded() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            record(other.pid(), Instant.now().minus(Duration.ofHours(1)));

            Optional<ServerStop> stop = servers(Map.of(), false).down();

            assertThat(stop).map(ServerStop::outcome).contains(ServerStop.Outcome.ALREADY_GONE);
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void downWithoutAContainerEngineSaysTheContainerCannotBeReachedAndKeepsTheRecord() {
        new ServerRecord(MlflowServer.Provider.CONTAINER, "http://localhost:9", "0123456789abcdef", null,
                "localhost/mllabs/mlflow:test", Instant.now().toString()).write(new LabHome(home).serverRecord());

        assertThatThrownBy(() -> servers(Map.of(), false).down())
                .isInstanceOf(MlflowServerException.class)
                .hasMessageContaining("No container engine answers")
                .hasMessageContaining("container 0123456789ab")
                .hasMessageContaining("run `lab down` again");
        assertThat(new LabHome(home).serverRecord()).exists();
    }

    private void record(long pid, Instant startedAt) {
        new ServerRecord(MlflowServer.Provider.LOCAL_PROCESS, "http://127.0.0.1:9", null, pid, null,
                startedAt.toString()).write(new LabHome(home).serverRecord());
    }
}
