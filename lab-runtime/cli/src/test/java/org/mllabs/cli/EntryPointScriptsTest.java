package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.RepositoryLayout;

/**
 * Every file of the checkout that starts with {@code #!} is a command someone runs, so git must hold it as executable
 * (mode 100755): a fresh clone, and the learners' copy made from it, can then run it. Files only meant to be sourced
 * name their shell with {@code # shellcheck shell=bash} instead.
 */
class EntryPointScriptsTest {

    @Test
    void everyTrackedFileWithAShebangIsExecutableInGit() throws Exception {
        Path root = RepositoryLayout.locate(LabEnvironment.current()).root();
        assumeTrue(Files.exists(root.resolve(".git")), "not a git checkout: git holds no file modes here");
        assumeTrue(gitRuns(), "no git command to ask for the file modes");
        Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-s", "-z")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).isZero();

        List<String> scripts = new ArrayList<>();
        List<String> notExecutable = new ArrayList<>();
        for (String entry : listing.split("\0")) {
            if (entry.isEmpty()) {
                continue;
            }
            String mode = entry.substring(0, entry.indexOf(' '));
            String file = entry.substring(entry.indexOf('\t') + 1);
            if (startsWithShebang(root.resolve(file))) {
                scripts.add(file);
                if (!mode.equals("100755")) {
                    notExecutable.add(mode + " " + file);
                }
            }
        }

        assertThat(scripts).contains("mvnw", "lab-runtime/cli/lab", ".ci/run", "lab-runtime/environment/setup.sh",
                "lab-runtime/benchmarks/bench.sh");
        assertThat(notExecutable).as("scripts git does not hold as executable (git update-index --chmod=+x FILE)")
                .isEmpty();
    }

    private static boolean gitRuns() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("git", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsWithShebang(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        }
    }
}
