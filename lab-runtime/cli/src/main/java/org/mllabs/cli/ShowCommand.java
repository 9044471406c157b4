package org.mllabs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.mllabs.runtime.lab.LabDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lab show <lab>}: the lab's instructions. */
@Command(name = "show", description = "Print a lab's instructions (its README).")
final class ShowCommand implements Callable<Integer> {

    private final CliSession session;

    @Parameters(paramLabel = "<lab>", description = "The lab, such as lab01.")
    private String labName;

    ShowCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        LabDescriptor lab = session.labs().get(labName);
        session.out().println(Files.readString(lab.readme()));
        session.out().println("Your code: " + lab.directory().resolve("src/main/java"));
        return ExitCodes.OK;
    }
}
