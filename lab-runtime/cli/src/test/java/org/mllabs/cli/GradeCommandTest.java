package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.testing.FakeMlflowServer;

/**
 * How {@code lab grade} ends when the server goes away while it grades: no score, the environment's exit status, and
 * what to do. The server is a loopback fake that stops at the grader's first request.
 */
class GradeCommandTest {

    @TempDir
    Path home;

    @Test
    void aServerThatDiesDuringTheGradingGivesNoGradeAndTheEnvironmentsExitStatus() {
        StringWriter out = new StringWriter();
        try (FakeMlflowServer server = FakeMlflowServer.diesOnFirstApiCall()) {
            Map<String, String> variables = new HashMap<>(System.getenv());
            variables.remove(LabEnvironment.MLLABS_CREDENTIALS);
            variables.put(LabEnvironment.MLFLOW_TRACKING_URI, server.uri().toString());
            variables.put("MLLABS_HOME", home.toString());
            variables.put(RepositoryLayout.MLLABS_REPO,
                    RepositoryLayout.locate(LabEnvironment.current()).root().toString());
            PrintWriter writer = new PrintWriter(out, true);

            int status = LabCommand.execute(new LabEnvironment(variables), writer, writer, false, "grade", "lab01",
                    "--learner", "ada", "--report", "junit,markdown", "--output", home.resolve("reports").toString());

            assertThat(status).as(out.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(out.toString()).contains("ERROR ", "Not graded: lab01.step1 could not be checked",
                    "This is not your work's fault", "run lab grade again", "No report was written")
                    .doesNotContain("FAIL  ", "Wrote ");
            assertThat(home.resolve("reports")).isEmptyDirectory();
        }
    }
}
