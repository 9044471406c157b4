package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child processes: the same code started in a new JVM, and killed with everything it started. */
class ChildProcessesTest {

    @Test
    void aChildJvmRunsTheLabCommandFromThisJvmsClassPath(@TempDir Path work) throws Exception {
        ChildJvm jvm = ChildJvm.likeThisOne("256m", work);
        Path output = work.resolve("out.txt");

        Process process = new ProcessBuilder(jvm.command("--version")).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(work.toFile()).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("mllabs", "Spark 4.");
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(work.resolve("child-jvm.args")))
                .contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    }

    @Test
    void killingAChildKillsWhatItStarted() throws IOException {
        try (ChildProcesses children = new ChildProcesses()) {
            Process shell = children.start(new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60"));
            waitForDescendants(shell);
            List<ProcessHandle> descendants = shell.descendants().toList();

            ChildProcesses.kill(shell);

            assertThat(shell.isAlive()).isFalse();
            assertThat(descendants).isNotEmpty().allSatisfy(process -> assertThat(endsSoon(process)).isTrue());
        }
    }

    @Test
    void closingKillsEveryChildStillRunning() throws IOException {
        Process sleeper;
        try (ChildProcesses children = new ChildProcesses()) {
            sleeper = children.start(new ProcessBuilder("sleep", "60"));
        }
        assertThat(sleeper.isAlive()).isFalse();
    }

    @Test
    void aStoppedBatchStartsNoChildAndKillsTheRunningOnesWithWhatTheyLeft() throws IOException {
        BatchStop stop = new BatchStop();
        List<String> killedRest = new ArrayList<>();
        try (ChildProcesses children = new ChildProcesses(stop)) {
            Process sleeper = children.start(new ProcessBuilder("sleep", "60"), () -> killedRest.add("rest"));
            stop.stop("the batch was interrupted");

            assertThatThrownBy(() -> children.start(new ProcessBuilder("sleep", "60")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("the batch was interrupted");
            assertThat(children.stopping()).isTrue();
            children.close();
            assertThat(sleeper.isAlive()).isFalse();
        }
        assertThat(killedRest).as("killed once, with what it left").containsExactly("rest");
    }

    /**
     * Whether the process is gone within a few seconds. An orphan that was killed stays a zombie until the
     * machine's first process reaps it, which some containers' first process never does: a zombie runs no more.
     */
    private static boolean endsSoon(ProcessHandle process) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive() || (Files.exists(stat) && zombie(stat))) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static boolean zombie(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    private static void waitForDescendants(Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
