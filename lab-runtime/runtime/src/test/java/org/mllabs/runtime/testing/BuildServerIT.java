package org.mllabs.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.server.MlflowHealth;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServers;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class BuildServerIT {

    @Test
    void theServerTestsGetIsTheOneRecordedForThisBuildAndItsReaperIsWaiting(MlflowServer server) {
        String build = BuildProcess.name(BuildProcess.current().orElse(ProcessHandle.current()));
        Path home = BuildServer.homeOf(build);

        assertThat(new MlflowServers(new LabHome(home), BuildServer.environment(), System.out::println).running())
                .get().extracting(MlflowServer::trackingUri).isEqualTo(server.trackingUri());
        assertThat(BuildServerReaper.isRunningFor(home)).isTrue();
    }

    @Test
    void onceTheBuildEndsItsReaperStopsTheServerAndDeletesItsState() throws Exception {
        Process build = new ProcessBuilder("sleep", "300").start();
        String name = BuildProcess.name(build.toHandle());
        Path home = Files.createTempDirectory("mllabs-build-server-it").resolve(name);
        Files.createDirectories(home);
        LabEnvironment environment = BuildServer.environment();
        MlflowServer server = new MlflowServers(new LabHome(home), environment, System.out::println).connect();
        BuildServerReaper.start(name, home, environment);
        try {
            assertThat(MlflowHealth.isUp(server.trackingUri())).isTrue();
            assertThat(BuildServerReaper.isRunningFor(home)).isTrue();

            build.destroy();

            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Files.exists(home) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertThat(home).as(readLog(home)).doesNotExist();
            assertThat(MlflowHealth.isUp(server.trackingUri())).isFalse();
        } finally {
            build.destroy();
            if (Files.exists(home)) {
                new MlflowServers(new LabHome(home), environment, System.out::println).down();
            }
        }
    }

    private static String readLog(Path home) {
        try {
            return Files.readString(home.resolve("reaper.log"));
        } catch (IOException e) {
            return "no reaper log";
        }
    }
}
