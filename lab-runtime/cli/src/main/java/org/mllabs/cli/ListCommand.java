package org.mllabs.cli;

import java.util.concurrent.Callable;
import org.mllabs.runtime.lab.LabDescriptor;
import picocli.CommandLine.Command;

/** {@code lab list}: the labs, with their titles and exam topics. */
@Command(name = "list", description = "List the labs.")
final class ListCommand implements Callable<Integer> {

    private final CliSession session;

    ListCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        for (LabDescriptor lab : session.labs().all()) {
            session.out().printf("%-6s %s%n       %s%n       topics: %s%n", lab.id(), lab.title(), lab.summary(),
                    String.join("; ", lab.examTopics()));
        }
        session.out().println("\nStart one with: lab show <lab>, then lab run <lab> and lab grade <lab>.");
        return ExitCodes.OK;
    }
}
