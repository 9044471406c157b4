package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.cli.classroom.LabRunStatusFile;
import org.mllabs.runtime.LabEnvironment;

/** What the guard does when the JVM shuts down, with the halt recorded instead of done. */
class LabExitGuardTest {

    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();
    private final List<Integer> halts = new ArrayList<>();

    private LabExitGuard guard() {
        return new LabExitGuard("lab01", new LabEnvironment(Map.of(LabRunStatusFile.VARIABLE,
                temp.resolve("status").toString())), new PrintWriter(err, true), halts::add);
    }

    @Test
    void aShutdownBeforeTheLabReturnedHaltsWithTheLabDidNotCompleteAndSaysWhy() {
        guard().onShutdown();

        assertThat(halts).containsExactly(ExitCodes.LAB_DID_NOT_COMPLETE);
        assertThat(err.toString()).contains("lab01's code did not run to the end", "System.exit");
        assertThat(temp.resolve("status")).hasContent("FAILED");
    }

    @Test
    void aShutdownAfterTheLabReturnedIsLeftAlone() {
        LabExitGuard guard = guard();
        guard.close();

        guard.onShutdown();

        assertThat(halts).isEmpty();
        assertThat(err.toString()).isEmpty();
        assertThat(temp.resolve("status")).doesNotExist();
    }
}
