package org.mllabs.cli;

import java.io.PrintWriter;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.server.MlflowServerVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lab} command. Its sub-commands inherit {@code --help} (usage on standard output, exit status 0) and
 * {@code --version}, and list the exit statuses in their usage.
 */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = LabCommand.Version.class,
        description = "Hands-on labs for the Databricks machine-learning lifecycle, graded on your machine.",
        subcommands = {ListCommand.class, ShowCommand.class, RunCommand.class, GradeCommand.class,
            GradeAllCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class, ServeCommand.class,
            ResetCommand.class, ExportStudentCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done; for grade, full marks; for grade-all, every learner graded",
            "1:grade: some points were not earned",
            "2:the command line is wrong",
            "3:the lab's code did not run to the end",
            "4:the environment is not ready (no MLflow server, not in the checkout); for grade-all, some learners "
                    + "could not be graded (run it again)",
            "5:unexpected error"})
public final class LabCommand {

    private LabCommand() {
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(LabEnvironment.current(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), System.console() != null, args));
    }

    /**
     * Runs the command line with the given environment and output, for {@code main} and for tests.
     *
     * @return the exit status, see {@link ExitCodes}
     */
    static int execute(LabEnvironment environment, PrintWriter out, PrintWriter err, boolean terminal, String... args) {
        return commandLine(environment, out, err, terminal).execute(args);
    }

    /**
     * The command line picocli runs: {@code lab} with its sub-commands, writing to the given output. Its usage and
     * version requests are answered by picocli itself ({@link CommandLine#execute}): on {@code out}, status 0.
     */
    static CommandLine commandLine(LabEnvironment environment, PrintWriter out, PrintWriter err, boolean terminal) {
        CliSession session = new CliSession(environment, out, terminal);
        return new CommandLine(new LabCommand(), new SubcommandFactory(session))
                .setOut(out)
                .setErr(err)
                .setColorScheme(CommandLine.Help.defaultColorScheme(terminal ? CommandLine.Help.Ansi.ON
                        : CommandLine.Help.Ansi.OFF))
                .setExecutionExceptionHandler(new ErrorHandler());
    }

    /** The version line: mllabs and the MLflow and Spark versions it pins. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String own = LabCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mllabs " + (own == null ? "(development build)" : own)
                    + ", MLflow server " + MlflowServerVersion.mlflow() + ", Spark " + MlflowServerVersion.spark()};
        }
    }

    /** Hands each sub-command the session. */
    private record SubcommandFactory(CliSession session) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliSession.class).newInstance(session);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
