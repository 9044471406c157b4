package org.mllabs.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.server.MlflowServer;

/**
 * Folders of checks run one after another in one Python process ({@link PythonChecks#pytest}), each as if pytest
 * ran it alone: with its own variables and its own copy of the test modules and of {@code mllabs_checks}, a failure
 * failing its test only, a process that dies or hangs replaced for the next folder.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class PythonChecksIT {

    /** A check that records the process it ran in, and what it saw of its folder, lab and shared modules. */
    private static final String RECORDING_CHECK = """
            import os

            import mllabs_checks.experiment
            import pytest

            FOLDER = "%s"
            LAB_WHEN_IMPORTED = os.environ["MLLABS_LAB"]


            @pytest.mark.parametrize("lab", [LAB_WHEN_IMPORTED])
            def test_sees_its_own_folder_lab_and_shared_modules(lab):
                with open("pid.txt", "w") as out:
                    out.write(str(os.getpid()))
                assert FOLDER + "-lab" == lab == os.environ["MLLABS_LAB"]
                assert not hasattr(mllabs_checks.experiment, "LEFT_BY_A_FORMER_FOLDER")
                mllabs_checks.experiment.LEFT_BY_A_FORMER_FOLDER = FOLDER
            """;

    /** A check that records the process it ran in, then does what it is given: {@code formatted(name, statement)}. */
    private static final String CHECK_IN_A_RECORDED_PROCESS = """
            import os


            def test_%s():
                with open("pid.txt", "w") as out:
                    out.write(str(os.getpid()))
                %s
            """;

    @Test
    void foldersRunInOneProcessEachWithItsOwnVariablesAndModules(MlflowServer server, @TempDir Path temp)
            throws IOException {
        Path first = checks(temp, "first", RECORDING_CHECK.formatted("first"));
        Path second = checks(temp, "second", RECORDING_CHECK.formatted("second"));

        String firstOutput = run(first, server, "first-lab", temp.resolve("first-work"));
        String secondOutput = run(second, server, "second-lab", temp.resolve("second-work"));

        assertThat(firstOutput).contains("1 passed");
        assertThat(secondOutput).contains("1 passed");
        assertThat(pid(temp.resolve("second-work"))).isEqualTo(pid(temp.resolve("first-work")));
    }

    @Test
    void aFailingCheckFailsItsFolderWithPytestsOutputAndTheProcessRunsTheNextFolder(MlflowServer server,
                                                                                     @TempDir Path temp)
            throws IOException {
        Path failing = checks(temp, "failing",
                CHECK_IN_A_RECORDED_PROCESS.formatted("fails", "assert 1 == 2, \"a planted failure\""));
        Path passing = checks(temp, "passing", RECORDING_CHECK.formatted("passing"));

        assertThatThrownBy(() -> run(failing, server, "failing-lab", temp.resolve("failing-work")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("exited with 1")
                .hasMessageContaining("a planted failure");
        assertThat(run(passing, server, "passing-lab", temp.resolve("passing-work"))).contains("1 passed");
        assertThat(pid(temp.resolve("passing-work"))).isEqualTo(pid(temp.resolve("failing-work")));
    }

    @Test
    void aCheckThatEndsItsProcessFailsItsFolderAndTheNextFolderGetsAnotherProcess(MlflowServer server,
                                                                                   @TempDir Path temp)
            throws IOException {
        Path ending = checks(temp, "ending", CHECK_IN_A_RECORDED_PROCESS.formatted("ends_the_process", "os._exit(3)"));
        Path passing = checks(temp, "after", RECORDING_CHECK.formatted("after"));

        assertThatThrownBy(() -> run(ending, server, "ending-lab", temp.resolve("ending-work")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ended with exit code 3");
        assertThat(run(passing, server, "after-lab", temp.resolve("after-work"))).contains("1 passed");
        assertThat(pid(temp.resolve("after-work"))).isNotEqualTo(pid(temp.resolve("ending-work")));
    }

    @Test
    void aFolderOverItsTimeIsStoppedWithItsProcess(MlflowServer server, @TempDir Path temp) throws Exception {
        Path hanging = checks(temp, "hanging", """
                import time


                def test_hangs():
                    time.sleep(600)
                """);
        Path quick = checks(temp, "quick", RECORDING_CHECK.formatted("quick"));
        Path python = PythonChecks.python("the check processes' test");
        Path work = Files.createDirectories(temp.resolve("hanging-work"));
        try (PythonCheckWorker worker = PythonCheckWorker.start(python,
                PythonChecks.workerEnvironment(python, server))) {
            assertThat(worker.run(quick, work, work.resolve("quick.log"), Map.of(PythonChecks.LAB, "quick-lab"),
                    PythonChecks.TIMEOUT)).isZero();

            assertThatThrownBy(() -> worker.run(hanging, work, work.resolve("pytest.log"), Map.of(),
                    Duration.ofSeconds(5))).isInstanceOf(TimeoutException.class);

            Instant deadline = Instant.now().plusSeconds(30);
            while (worker.alive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(worker.alive()).isFalse();
        }
    }

    private static Path checks(Path temp, String name, String source) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name));
        Files.writeString(folder.resolve("test_output.py"), source);
        return folder;
    }

    private static String run(Path checks, MlflowServer server, String lab, Path work) throws IOException {
        Files.createDirectories(work);
        return PythonChecks.pytest(checks, server, lab, "no-experiment", work, Map.of());
    }

    private static String pid(Path work) throws IOException {
        return Files.readString(work.resolve("pid.txt"));
    }
}
