package org.mllabs.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports.Binding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.RunInfo;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.testing.EngineRequirement;
import org.testcontainers.DockerClientFactory;

/** The providers against a real engine and a real {@code mlflow server}: start, find again, stop, keep the data. */
@Tag("integration")
class MlflowServersIT {

    @TempDir
    Path home;

    private final List<String> announced = new ArrayList<>();

    @Test
    void aContainerServerIsFoundAgainByTheNextCommandAndItsDataSurvivesARestart() {
        LabEnvironment environment = environment(Map.of("MLLABS_SERVER", "container"));
        if (!ContainerEngine.isAvailable()) {
            EngineRequirement.unmet(environment, "no container engine answers; see lab-runtime/environment/README.md");
        }
        MlflowServers servers = new MlflowServers(new LabHome(home), environment, announced::add);
        try {
            MlflowServer first = servers.connect();
            assertThat(first.provider()).isEqualTo(MlflowServer.Provider.CONTAINER);
            assertThat(publishedAddresses(recordedContainer())).as("host addresses the MLflow port is published on")
                    .containsOnly(ListenAddress.LOOPBACK.host());

            MlflowServer again = new MlflowServers(new LabHome(home), environment, announced::add).connect();
            assertThat(again.trackingUri()).isEqualTo(first.trackingUri());
            assertThat(announced).filteredOn(line -> line.startsWith("Starting MLflow")).hasSize(1);
            assertThat(announced).anyMatch(line -> line.startsWith("Using the running MLflow server"));

            String runId = writeState(first);

            assertThat(servers.down()).map(ServerStop::outcome).contains(ServerStop.Outcome.STOPPED);
            assertThat(MlflowHealth.isUp(first.trackingUri())).isFalse();
            assertThat(home.resolve("mlflow/mlflow.db")).exists();
            assertThat(servers.down()).isEmpty();

            MlflowServer restarted = servers.connect();
            assertThat(announced).filteredOn(line -> line.startsWith("Starting MLflow")).hasSize(2);
            assertStateSurvived(restarted, runId);

            ContainerEngine.remove(recordedContainer());
            assertThat(servers.down()).map(ServerStop::outcome).contains(ServerStop.Outcome.ALREADY_GONE);
        } finally {
            servers.down();
        }
    }

    @Test
    void aLocalProcessServerServesTheSameStateDirectory() {
        Optional<Path> mlflow = pythonEnvironmentMlflow();
        LabEnvironment environment = environment(mlflow.map(m -> Map.of("MLLABS_SERVER", "process",
                "PATH", m.getParent() + ":" + System.getenv("PATH"))).orElse(Map.of()));
        if (mlflow.isEmpty()) {
            EngineRequirement.unmet(environment, "no mlflow executable; run lab-runtime/environment/python-env.sh");
        }
        MlflowServers servers = new MlflowServers(new LabHome(home), environment, announced::add);
        try {
            MlflowServer server = servers.connect();
            assertThat(server.provider()).isEqualTo(MlflowServer.Provider.LOCAL_PROCESS);
            String runId = writeState(server);
            assertThat(new MlflowServers(new LabHome(home), environment, announced::add).connect().trackingUri())
                    .isEqualTo(server.trackingUri());

            assertThat(servers.down()).map(ServerStop::outcome).contains(ServerStop.Outcome.STOPPED);
            assertThat(MlflowHealth.isUp(server.trackingUri())).isFalse();
            assertStateSurvived(servers.connect(), runId);
        } finally {
            servers.down();
        }
    }

    private String recordedContainer() {
        return ServerRecord.read(new LabHome(home).serverRecord()).orElseThrow().containerId();
    }

    /** The host addresses the engine publishes the container's MLflow port on, as it reports the running container. */
    private static List<String> publishedAddresses(String containerId) {
        Binding[] bindings = DockerClientFactory.instance().client().inspectContainerCmd(containerId).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(MlflowContainer.MLFLOW_PORT));
        assertThat(bindings).as("bindings of the MLflow port").isNotEmpty();
        return Arrays.stream(bindings).map(Binding::getHostIp).toList();
    }

    private static String writeState(MlflowServer server) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            String experimentId = mlflow.client().createExperiment("survivor");
            RunInfo run = mlflow.client().createRun(experimentId);
            mlflow.client().logMetric(run.getRunId(), "auc", 0.75);
            mlflow.artifacts().upload(run.getRunId(), "notes/readme.txt", "kept".getBytes(StandardCharsets.UTF_8));
            mlflow.registry().createRegisteredModel("survivor-model", Map.of(), "survives restarts");
            mlflow.registry().createModelVersion("survivor-model", mlflow.artifactUriOf(run.getRunId()) + "/notes",
                    run.getRunId(), Map.of(), null);
            mlflow.registry().setAlias("survivor-model", "Champion", "1");
            return run.getRunId();
        }
    }

    private static void assertStateSurvived(MlflowServer server, String runId) {
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            assertThat(mlflow.client().getExperimentByName("survivor")).isPresent();
            assertThat(mlflow.client().getRun(runId).getData().getMetrics(0).getValue()).isEqualTo(0.75);
            assertThat(new String(mlflow.artifacts().download(runId, "notes/readme.txt"), StandardCharsets.UTF_8))
                    .isEqualTo("kept");
            assertThat(mlflow.registry().getVersionByAlias("survivor-model", "Champion").version()).isEqualTo("1");
        }
    }

    private static LabEnvironment environment(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove(LabEnvironment.MLFLOW_TRACKING_URI);
        variables.putAll(overrides);
        return new LabEnvironment(variables);
    }

    private static Optional<Path> pythonEnvironmentMlflow() {
        LabEnvironment current = LabEnvironment.current();
        Path venv = current.get("MLLABS_PYTHON_ENV").map(Path::of)
                .orElseGet(() -> LabHome.from(current).root().resolve("python"));
        Path mlflow = venv.resolve("bin/mlflow");
        return Files.isExecutable(mlflow) ? Optional.of(mlflow) : current.findExecutable("mlflow");
    }
}
