package org.mllabs.cli.classroom;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child JVMs of a class grading. When the batch is interrupted (Ctrl-C, {@code kill}), a shutdown hook stops the
 * batch ({@link BatchStop}), so no learner still queued is started, and kills every child still running with all it
 * started, so no learner's lab outlives the command that started it.
 */
final class ChildProcesses implements AutoCloseable {

    private final Map<Process, Runnable> running = new ConcurrentHashMap<>();
    private final BatchStop stop;
    private final Thread shutdownHook = new Thread(this::interrupted, "lab-grade-all-kill-children");

    /** @param stop stopped by the shutdown hook */
    ChildProcesses(BatchStop stop) {
        this.stop = stop;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Children of a batch of their own. */
    ChildProcesses() {
        this(new BatchStop());
    }

    /** Starts a child; it is killed with its descendants if the batch is interrupted before it ends. */
    Process start(ProcessBuilder builder) throws IOException {
        return start(builder, () -> { });
    }

    /**
     * Starts a child, unless the batch is stopping.
     *
     * @param killRest kills what the child may have started that is not among its descendants any more (a detached
     *     process), run after the child and its descendants are killed
     * @throws IllegalStateException when the batch is stopping
     */
    Process start(ProcessBuilder builder, Runnable killRest) throws IOException {
        if (stop.stopped()) {
            throw new IllegalStateException("the batch is stopping: " + stop.reason().orElse(""));
        }
        Process process = builder.start();
        running.put(process, killRest);
        if (stop.stopped()) {
            kill(process);
            killRest.run();
        }
        return process;
    }

    /** Whether the batch is being stopped: a child that ended now was killed by the stop, not by its own doing. */
    boolean stopping() {
        return stop.stopped();
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

    private void interrupted() {
        stop.stop("the batch was interrupted");
        killAll();
    }

    private void killAll() {
        for (Process process : List.copyOf(running.keySet())) {
            Runnable killRest = running.remove(process);
            if (killRest != null) {
                kill(process);
                killRest.run();
            }
        }
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
