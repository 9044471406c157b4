package org.mllabs.cli;

import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The lab a command works on and, optionally, whose work: shared by {@code run}, {@code grade} and {@code reset}. */
final class LabAndLearner {

    @Parameters(index = "0", paramLabel = "<lab>", description = "The lab, such as lab01.")
    private String labName;

    @Option(names = "--learner", paramLabel = "<id>",
            description = "The learner whose work this is (default: $MLLABS_LEARNER or your login name).")
    private String learnerOption;

    LabDescriptor lab(CliSession session) {
        return session.labs().get(labName);
    }

    LearnerId learner(CliSession session) {
        return session.learner(learnerOption);
    }
}
