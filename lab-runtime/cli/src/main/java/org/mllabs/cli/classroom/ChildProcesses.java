package org.mllabs.cli.classroom;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child JVMs of a class grading. A shutdown hook kills every one still running, with its own children, when the
 * batch is interrupted (Ctrl-C, {@code kill}), so no learner's lab outlives the command that started it.
 */
final class ChildProcesses implements AutoCloseable {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::killAll, "lab-grade-all-kill-children");
    private volatile boolean closed;

    ChildProcesses() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a child; it is killed if the batch is interrupted before it ends. */
    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        running.add(process);
        if (closed) {
            kill(process);
        }
        return process;
    }

    /** Whether the batch is being stopped: a child that ended now was killed by the stop, not by its own doing. */
    boolean stopping() {
        return closed;
    }

    /** Forgets a child that has ended. */
    void ended(Process process) {
        running.remove(process);
    }

    /** Kills a child and everything it started, and waits until it is gone. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killAll() {
        closed = true;
        running.forEach(ChildProcesses::kill);
    }

    /** Kills any child still running and removes the shutdown hook. */
    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }
}
