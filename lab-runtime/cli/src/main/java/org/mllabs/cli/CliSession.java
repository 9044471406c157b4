package org.mllabs.cli;

import java.io.PrintWriter;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.lab.LabCatalog;
import org.mllabs.runtime.server.MlflowServers;

/** What every sub-command shares: the environment, the state directory, the checkout and the output. */
final class CliSession {

    private final LabEnvironment environment;
    private final PrintWriter out;
    private final boolean color;
    private final ProgressLine progress;

    CliSession(LabEnvironment environment, PrintWriter out, boolean terminal) {
        this.environment = environment;
        this.out = out;
        this.color = terminal;
        this.progress = new ProgressLine(out, terminal);
    }

    LabEnvironment environment() {
        return environment;
    }

    LabHome home() {
        return LabHome.from(environment);
    }

    RepositoryLayout repository() {
        return RepositoryLayout.locate(environment);
    }

    LabCatalog labs() {
        return LabCatalog.scan(repository().labs());
    }

    /** The learner named on the command line, else the one the environment names. */
    LearnerId learner(String option) {
        return option == null ? LearnerId.from(environment) : new LearnerId(option);
    }

    MlflowServers servers() {
        return new MlflowServers(home(), environment, this::say);
    }

    PrintWriter out() {
        return out;
    }

    boolean color() {
        return color;
    }

    /** Prints a status line at once; on a terminal, a line ending in "..." counts seconds until the next. */
    void say(String line) {
        progress.say(line);
    }
}
