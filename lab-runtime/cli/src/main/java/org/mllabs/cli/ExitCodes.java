package org.mllabs.cli;

/** What the {@code lab} command's exit status means. */
public final class ExitCodes {

    /** Done; for {@code grade}, full marks; {@code --help} and {@code --version} printed on standard output. */
    public static final int OK = 0;
    /** {@code grade}: some points were not earned. */
    public static final int NOT_FULL_MARKS = 1;
    /** The command line is wrong (picocli's usage error): the message and the usage on standard error. */
    public static final int USAGE = 2;
    /** The lab's code did not run to the end: a TODO step, a compile error, or an exception it threw. */
    public static final int LAB_DID_NOT_COMPLETE = 3;
    /**
     * The environment is not ready: no MLflow server, no checkout, an unreachable address; for {@code grade-all}, the
     * server stopped answering and some learners are left to grade again.
     */
    public static final int ENVIRONMENT = 4;
    /** Something unexpected inside mllabs. */
    public static final int INTERNAL = 5;

    private ExitCodes() {
    }
}
