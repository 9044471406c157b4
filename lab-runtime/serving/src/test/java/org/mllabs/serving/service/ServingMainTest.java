package org.mllabs.serving.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The serving process's command line: a wrong one is refused before anything starts, as picocli refuses it. */
class ServingMainTest {

    @Test
    void anUnknownOptionIsAWrongCommandLine() {
        StringWriter err = new StringWriter();

        int status = commandLine(err).execute("--port", "0", "--no-such-option");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'").contains("Usage: ServingMain");
    }

    @Test
    void aPortThatIsNotANumberIsAWrongCommandLine() {
        StringWriter err = new StringWriter();

        int status = commandLine(err).execute("--port", "eighty");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--port").contains("'eighty' is not an int");
    }

    private static CommandLine commandLine(StringWriter err) {
        return new CommandLine(new ServingMain()).setErr(new PrintWriter(err, true));
    }
}
