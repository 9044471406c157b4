package org.mllabs.cli.classroom;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Timer;
import java.util.TimerTask;

/**
 * Shows a class grading's progress: a line per learner as each is graded and, on a terminal, a bar under them with
 * the time spent and the time left, redrawn every second. Elsewhere (a log, CI) only the plain lines, each with its
 * count.
 */
final class BatchProgress implements AutoCloseable {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final long start = System.nanoTime();
    private final Timer clock;
    private int done;

    BatchProgress(PrintWriter out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.clock = terminal ? new Timer("lab-grade-all-progress", true) : null;
        if (terminal) {
            clock.scheduleAtFixedRate(new TimerTask() {
                @Override
                public void run() {
                    redraw();
                }
            }, 0, 1000);
        }
    }

    /** Prints the learner's result and moves the bar on. */
    synchronized void graded(GradebookRow row) {
        done++;
        String line = String.format(Locale.ROOT, "[%d/%d] %-24s %-15s %3d/%-3d (%.1f s)", done, total, row.learner(),
                row.status(), row.score(), row.max(), row.durationSeconds());
        if (terminal) {
            out.print("\r\u001B[K" + line + "\n" + bar());
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a line about a learner who was not graded; the bar does not move. */
    synchronized void failed(String line) {
        out.print(terminal ? "\r\u001B[K" + line + "\n" + bar() : line + "\n");
        out.flush();
    }

    private synchronized void redraw() {
        out.print("\r\u001B[K" + bar());
        out.flush();
    }

    /** The bar, such as {@code [#########.....] 3/10  1:20 spent, about 2:10 left}. */
    String bar() {
        long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        String left = done == 0 ? "time left unknown"
                : "about " + clock(elapsed * (total - done) / done) + " left";
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + "  "
                + clock(elapsed) + " spent, " + left;
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Stops redrawing and ends the bar's line. */
    @Override
    public synchronized void close() {
        if (terminal) {
            clock.cancel();
            out.print("\r\u001B[K");
            out.flush();
        }
    }
}
