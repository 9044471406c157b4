package org.mllabs.runtime.testing;

import java.util.List;
import java.util.Optional;

/**
 * The Maven process a test JVM runs under, if any: the build whose modules share one MLflow server.
 *
 * <p>Surefire and Failsafe fork test JVMs from the Maven JVM, so the build is the nearest ancestor whose command line
 * starts Maven (through the wrapper or the {@code mvn} script). A test run from an IDE has none.
 */
final class BuildProcess {

    /** What a Maven JVM's command line holds: its launcher's class or the wrapper's. */
    private static final List<String> MAVEN_MAIN_CLASSES = List.of(
            "org.codehaus.plexus.classworlds.launcher.Launcher", "org.apache.maven.wrapper.MavenWrapperMain");

    private BuildProcess() {
    }

    /** The Maven process above this JVM, if it runs under one. */
    static Optional<ProcessHandle> current() {
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        while (ancestor.isPresent()) {
            if (isMaven(ancestor.get())) {
                return ancestor;
            }
            ancestor = ancestor.get().parent();
        }
        return Optional.empty();
    }

    /**
     * A name for a process that no other process on this machine shares, before or after: its id and start time
     * (ids are reused, start times make them unique).
     */
    static String name(ProcessHandle process) {
        return process.pid() + "-" + process.info().startInstant().map(start -> String.valueOf(start.toEpochMilli()))
                .orElse("0");
    }

    /** Whether the process with that {@linkplain #name name}, such as a build's, is still running. */
    static boolean isRunning(String name) {
        int dash = name.indexOf('-');
        if (dash < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(0, dash));
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(BuildProcess::name)
                    .filter(name::equals).isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isMaven(ProcessHandle process) {
        return process.info().arguments()
                .map(arguments -> List.of(arguments).stream().anyMatch(MAVEN_MAIN_CLASSES::contains))
                .orElse(false);
    }
}
