package org.mllabs.cli.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which folders a submission's run sees empty, and the command that hides them. */
class PrivateMountsTest {

    private static final Path BATCH = Path.of("/tmp/mllabs-grade-all-0/batch-1");
    private static final Path JDK = Path.of("/usr/lib/jvm/java-17");
    private static final List<Path> SCRATCH = List.of(Path.of("/var/tmp"), Path.of("/dev/shm"));

    private static List<Path> paths(String... paths) {
        return List.of(paths).stream().map(Path::of).toList();
    }

    @Test
    void everyInstructorsFolderIsHiddenOnceAndNoneInsideAHiddenOne() {
        PrivateMounts mounts = PrivateMounts.plan(paths("/work/repo", "/root/.mllabs/gradebooks", "/root",
                "/srv/grades", "/root/.mllabs", "/work/repo/"), List.of(BATCH, JDK), SCRATCH);

        assertThat(mounts.hidden()).isEqualTo(paths("/root", "/srv/grades", "/work/repo"));
        assertThat(mounts.inView()).isEmpty();
        assertThat(mounts.scratch()).isEqualTo(SCRATCH);
    }

    @Test
    void aFolderHoldingWhatTheRunNeedsStaysInViewWhileTheFoldersInsideItAreHidden() {
        PrivateMounts mounts = PrivateMounts.plan(paths("/home/ann", "/home/ann/.mllabs", "/tmp"),
                List.of(BATCH, Path.of("/home/ann/jdk")), SCRATCH);

        assertThat(mounts.hidden()).isEqualTo(paths("/home/ann/.mllabs"));
        assertThat(mounts.inView()).containsExactlyInAnyOrder(
                new PrivateMounts.InView(Path.of("/home/ann"), Path.of("/home/ann/jdk")),
                new PrivateMounts.InView(Path.of("/tmp"), BATCH));
    }

    @Test
    void aScratchFolderThatIsHiddenOrHoldsTheBatchIsNotMountedAgain() {
        assertThat(PrivateMounts.plan(paths("/var"), List.of(BATCH), SCRATCH).scratch())
                .isEqualTo(paths("/dev/shm"));
        assertThat(PrivateMounts.plan(List.of(), List.of(Path.of("/var/tmp/mllabs-grade-all-0/batch-1")), SCRATCH)
                .scratch()).isEqualTo(paths("/dev/shm"));
    }

    @Test
    void theFoldersAreTheScriptsArgumentsAndNeverItsText() {
        Path odd = Path.of("/srv/it's \"$(touch /tmp/x)\" `id`");
        List<String> command = PrivateMounts.plan(List.of(odd), List.of(BATCH), SCRATCH)
                .around(List.of("java", "-version"));

        assertThat(command.subList(0, 7)).containsExactly(PrivateMounts.UNSHARE.toString(), "--mount",
                "--propagation", "private", "--", PrivateMounts.SHELL.toString(), "-c");
        assertThat(command.get(7)).doesNotContain("/srv", "/var/tmp", "java");
        assertThat(command.subList(9, command.size())).containsExactly(odd.toString(), "--", "/var/tmp", "/dev/shm",
                "--", "java", "-version");
    }

    @Test
    void withNothingToMountTheScriptRunsTheCommandWithItsArgumentsIntact() throws IOException, InterruptedException {
        List<String> command = PrivateMounts.plan(List.of(), List.of(BATCH), List.of())
                .around(List.of("printf", "%s|", "a b", "$HOME", "--", "'q'"));

        Process shell = new ProcessBuilder(command.subList(5, command.size())).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("a b|$HOME|--|'q'|");
    }
}
