package org.mllabs.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.server.MlflowServers;

/**
 * A small JVM that waits for a build to end, then stops the build's MLflow server and deletes its state directory.
 * {@link BuildServer} starts one per build, with the test JVM's class path, in a session of its own ({@code setsid})
 * so that neither the end of the test JVM nor a Ctrl-C in the terminal stops it first. Its output goes to
 * {@code reaper.log} in the state directory, which stays for reading when the stop fails.
 */
final class BuildServerReaper {

    private static final String PID_FILE = "reaper.pid";

    private BuildServerReaper() {
    }

    /**
     * Waits for the build, then stops its server.
     *
     * @param arguments the build's name ({@link BuildProcess#name}) and its state directory
     */
    public static void main(String[] arguments) {
        String build = arguments[0];
        Path home = Path.of(arguments[1]);
        long pid = Long.parseLong(build.substring(0, build.indexOf('-')));
        ProcessHandle.of(pid).filter(process -> BuildProcess.name(process).equals(build))
                .ifPresent(process -> process.onExit().join());
        System.out.println("Build " + build + " ended; stopping its MLflow server.");
        stop(home, LabEnvironment.current());
    }

    /** Starts the reaper of a build's server and records its process. */
    static void start(String build, Path home, LabEnvironment environment) {
        List<String> command = new ArrayList<>();
        environment.findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), BuildServerReaper.class.getName(), build, home.toString()));
        try {
            Process reaper = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("reaper.log").toFile())
                    .start();
            Files.writeString(home.resolve(PID_FILE), BuildProcess.name(reaper.toHandle()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the reaper of the build's MLflow server: " + command, e);
        }
    }

    /** Whether the reaper of the server in that state directory still runs. */
    static boolean isRunningFor(Path home) {
        try {
            return BuildProcess.isRunning(Files.readString(home.resolve(PID_FILE)).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server recorded in the state directory, if any, and deletes the directory. */
    static void stop(Path home, LabEnvironment environment) {
        new MlflowServers(new LabHome(home), environment, System.out::println).down()
                .ifPresent(stop -> System.out.println("MLflow server " + stop.server().detail() + ": "
                        + stop.outcome()));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + home, e);
        }
    }
}
