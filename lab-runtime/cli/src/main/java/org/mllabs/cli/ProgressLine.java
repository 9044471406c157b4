package org.mllabs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints status lines. On a terminal, a line that announces a long step (it ends with "...") counts the seconds
 * until the next line, so a learner sees that a server start or a Spark job is moving.
 */
final class ProgressLine {

    private final PrintWriter out;
    private final boolean terminal;
    private final ScheduledExecutorService clock;
    private ScheduledFuture<?> ticking;

    ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.clock = terminal ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "lab-progress");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** Ends any counting line, then prints this one. */
    synchronized void say(String line) {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
            out.println();
        }
        if (terminal && line.endsWith("...")) {
            long start = System.nanoTime();
            out.print(line);
            out.flush();
            ticking = clock.scheduleAtFixedRate(() -> tick(line, start), 1, 1, TimeUnit.SECONDS);
        } else {
            out.println(line);
            out.flush();
        }
    }

    private synchronized void tick(String line, long start) {
        out.print("\r" + line + " " + (System.nanoTime() - start) / 1_000_000_000L + " s");
        out.flush();
    }
}
