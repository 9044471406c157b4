package org.mllabs.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.mllabs.cli.classroom.LabRunStatusFile;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.lab.LabRunResult;

/**
 * Keeps the lab's code from ending {@code lab run} with a status of its choosing. While the lab runs, a shutdown hook
 * waits: if the JVM shuts down before the lab returned ({@code System.exit} in the lab's code, whatever its status, or
 * the run was interrupted), the hook says that the lab's code did not run to the end, records the run as
 * {@link LabRunResult.Status#FAILED} for a class grading ({@link LabRunStatusFile}) and halts the JVM with
 * {@link ExitCodes#LAB_DID_NOT_COMPLETE}, which no later hook can change. Closing the guard, once the lab returned,
 * takes the hook away.
 */
final class LabExitGuard implements AutoCloseable {

    private final String labId;
    private final LabEnvironment environment;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final AtomicBoolean returned = new AtomicBoolean();
    private final Thread hook = new Thread(this::onShutdown, "lab-exit-guard");

    /** A guard that does not watch yet; {@link #install} it, or call {@link #onShutdown} in a test. */
    LabExitGuard(String labId, LabEnvironment environment, PrintWriter err, IntConsumer halt) {
        this.labId = labId;
        this.environment = environment;
        this.err = err;
        this.halt = halt;
    }

    /** Watches the JVM's shutdown until {@link #close()}; halts it with {@code Runtime.halt}. */
    static LabExitGuard install(String labId, LabEnvironment environment, PrintWriter err) {
        LabExitGuard guard = new LabExitGuard(labId, environment, err, Runtime.getRuntime()::halt);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** What the hook does when the JVM shuts down: nothing once the lab returned. */
    void onShutdown() {
        if (returned.get()) {
            return;
        }
        err.println("lab: " + labId + "'s code did not run to the end: the JVM was told to exit while it ran "
                + "(System.exit in the lab's code, or the run was interrupted). Remove any System.exit from your code "
                + "and run the lab again; the runs already logged are kept.");
        err.flush();
        try {
            LabRunStatusFile.write(environment, LabRunResult.Status.FAILED);
        } finally {
            halt.accept(ExitCodes.LAB_DID_NOT_COMPLETE);
        }
    }

    /** The lab returned: the JVM may end as the command decides. */
    @Override
    public void close() {
        returned.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook sees that the lab returned and does nothing
        }
    }
}
