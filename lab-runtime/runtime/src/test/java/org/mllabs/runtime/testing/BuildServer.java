package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.MlflowServers;

/**
 * The one MLflow server of a build: every test JVM a Maven build forks (each module's, in turn or in parallel) finds
 * it through {@link MlflowServers} in the build's own state directory, and the first one starts it. A reaper process,
 * started with it and detached from the terminal, stops it and deletes its state once the Maven process has ended,
 * however the build ended. A test JVM that no Maven build forked (an IDE's) is a build of its own.
 *
 * <p>State directories live under {@code java.io.tmpdir}/{@code mllabs-build-servers}, one per build; one whose
 * build and reaper are both gone (a reaper killed with the machine) is cleaned up by the next build.
 */
final class BuildServer {

    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "mllabs-build-servers");

    private final String build;
    private final Path home;

    private BuildServer(String build) {
        this.build = build;
        this.home = homeOf(build);
    }

    /** The state directory of a build's server. */
    static Path homeOf(String build) {
        return ROOT.resolve(build);
    }

    /** The server of the build this JVM belongs to. */
    static BuildServer ofThisBuild() {
        return new BuildServer(BuildProcess.name(BuildProcess.current().orElse(ProcessHandle.current())));
    }

    /** The environment tests read: this process's, without {@code MLFLOW_TRACKING_URI}, which is a developer's. */
    static LabEnvironment environment() {
        Map<String, String> variables = new HashMap<>(LabEnvironment.current().variables());
        variables.remove(LabEnvironment.MLFLOW_TRACKING_URI);
        return new LabEnvironment(variables);
    }

    /**
     * The build's running server, started if no JVM of the build has started it yet, with its reaper.
     *
     * @param environment the environment to read, without {@code MLFLOW_TRACKING_URI}
     */
    MlflowServer connect(LabEnvironment environment) {
        stopServersOfEndedBuilds(environment);
        MlflowServer server = new MlflowServers(new LabHome(home), environment,
                line -> System.out.println("[build's MLflow server] " + line)).connect();
        withReaperLock(() -> {
            if (!BuildServerReaper.isRunningFor(home)) {
                BuildServerReaper.start(build, home, environment);
            }
        });
        return server;
    }

    private void stopServersOfEndedBuilds(LabEnvironment environment) {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> homes = Files.list(ROOT)) {
            for (Path other : homes.toList()) {
                String name = other.getFileName().toString();
                if (!name.equals(build) && !BuildProcess.isRunning(name)
                        && !BuildServerReaper.isRunningFor(other)) {
                    try {
                        BuildServerReaper.stop(other, environment);
                    } catch (RuntimeException e) {
                        System.out.println("[build's MLflow server] Could not clean up after the ended build in "
                                + other + ": " + e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + ROOT, e);
        }
    }

    private void withReaperLock(Runnable action) {
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolve("reaper.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + home.resolve("reaper.lock"), e);
        }
    }
}
