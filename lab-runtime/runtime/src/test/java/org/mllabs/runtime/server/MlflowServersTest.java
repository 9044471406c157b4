package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;

/** How a server is chosen when none can be had, and the messages that say what to do. */
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

        assertThatThrownBy(() -> servers(Map.of("PATH", ""), false).connect()).isInstanceOf(MlflowServerException.class);

        assertThat(announced).anyMatch(line -> line.contains("no longer answers"));
        assertThat(new LabHome(home).serverRecord()).doesNotExist();
        assertThat(data).hasContent("learner's runs");
    }
}
