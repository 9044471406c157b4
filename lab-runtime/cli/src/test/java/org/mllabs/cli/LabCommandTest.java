package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;
import picocli.CommandLine;

/**
 * The lab command's answers that need no MLflow server: listings, instructions, usage, help and environment errors.
 */
class LabCommandTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int lab(Map<String, String> overrides, String... args) {
        Map<String, String> variables = new HashMap<>(Map.of("MLLABS_HOME", home.toString()));
        variables.putAll(overrides);
        return LabCommand.execute(environment(variables), new PrintWriter(out, true), new PrintWriter(err, true),
                false, args);
    }

    private static LabEnvironment environment(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove("MLFLOW_TRACKING_URI");
        variables.putAll(overrides);
        return new LabEnvironment(variables);
    }

    @Test
    void listShowsEveryLabWithItsExamTopics() {
        assertThat(lab(Map.of(), "list")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("lab01", "MLflow tracking", "topics:");
    }

    @Test
    void showPrintsTheLabsInstructions() {
        assertThat(lab(Map.of(), "show", "lab01")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("# Lab 01", "lab01.step7", "src/main/java");
    }

    @Test
    void anUnknownLabIsAUsageErrorThatNamesTheLabsThereAre() {
        assertThat(lab(Map.of(), "show", "lab99")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("There is no lab \"lab99\"", "lab01");
    }

    @Test
    void sharedServerOptionsWithoutSharedAreAUsageError() {
        assertThat(lab(Map.of(), "up", "--roster", "class.csv")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("add --shared");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(lab(Map.of(), "publish")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unmatched argument");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyCommandPrintsItsUsageOnStandardOutputForHelpAndExitsZero(String command) {
        for (String help : List.of("--help", "-h")) {
            StringWriter usageOut = new StringWriter();
            StringWriter usageErr = new StringWriter();

            int status = LabCommand.execute(environment(Map.of()), new PrintWriter(usageOut, true),
                    new PrintWriter(usageErr, true), false, arguments(command, help));

            assertThat(status).as("%s %s", command, help).isEqualTo(ExitCodes.OK);
            assertThat(usageOut.toString()).as("%s %s", command, help)
                    .isEqualTo(usage(command))
                    .contains("Usage: " + command + " ", "-h, --help");
            assertThat(usageErr.toString()).as("%s %s", command, help).isEmpty();
        }
    }

    @Test
    void aWrongOptionIsAUsageErrorWithTheUsageOnStandardError() {
        assertThat(lab(Map.of(), "grade", "lab01", "--no-such-option")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).startsWith("Unknown option: '--no-such-option'").contains(usage("lab grade"));
        assertThat(out.toString()).isEmpty();
    }

    /**
     * picocli's own {@code help} command is left out: a help request wins over the rest of the line, so
     * {@code lab help --no-such-option} prints the usage of {@code lab} (as {@code lab grade --help --no-such-option}
     * prints that of {@code lab grade}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsButHelp")
    void everyCommandTakesAWrongOptionAsAUsageErrorWithItsUsageOnStandardError(String command) {
        assertThat(lab(Map.of(), arguments(command, "--no-such-option"))).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains(usage(command));
        assertThat(out.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsWithVersion")
    void everyCommandThatOffersVersionPrintsItOnStandardOutputAndExitsZero(String command) {
        assertThat(lab(Map.of(), arguments(command, "--version"))).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).startsWith("mllabs ").contains("MLflow server 3.", "Spark 4.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpNamesACommandAndPrintsItsUsageOnStandardOutput() {
        assertThat(lab(Map.of(), "help", "grade")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).isEqualTo(usage("lab grade"));
        assertThat(err.toString()).isEmpty();
    }

    /** {@code lab} and every sub-command picocli knows, as typed ({@code lab grade}), sub-commands of those too. */
    static Stream<String> commands() {
        CommandLine lab = LabCommand.commandLine(environment(Map.of()), new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()), false);
        return withSubcommands(lab).map(command -> command.getCommandSpec().qualifiedName());
    }

    /** Every command but picocli's own {@code help}. */
    static Stream<String> commandsButHelp() {
        return commands().filter(command -> !subcommand(command).getCommandSpec().helpCommand());
    }

    /** Every command that offers {@code --version}. */
    static Stream<String> commandsWithVersion() {
        return commands().filter(command -> subcommand(command).getCommandSpec().optionsMap().containsKey("--version"));
    }

    private static Stream<CommandLine> withSubcommands(CommandLine command) {
        return Stream.concat(Stream.of(command), command.getSubcommands().values().stream().distinct()
                .flatMap(LabCommandTest::withSubcommands));
    }

    private static CommandLine subcommand(String command) {
        CommandLine found = LabCommand.commandLine(environment(Map.of()), new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()), false);
        for (String name : Arrays.asList(arguments(command))) {
            found = found.getSubcommands().get(name);
        }
        return found;
    }

    private static String usage(String command) {
        return subcommand(command).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The arguments after {@code lab} that name the command, then the given ones. */
    private static String[] arguments(String command, String... more) {
        String[] words = command.split(" ");
        List<String> arguments = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
        arguments.addAll(Arrays.asList(more));
        return arguments.toArray(String[]::new);
    }

    @Test
    void aCorruptGradingSeedFileIsAnEnvironmentProblemThatSaysWhatToDo() throws IOException {
        Path seed = Files.writeString(home.resolve("grading-seed"), "12ab\n");

        int status = lab(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:1"), "grade", "lab01");

        assertThat(status).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("The grading seed in the file " + seed + " is not an integer",
                "one whole number", "delete the file");
    }

    @Test
    void downSaysThatTheRecordedServerHadAlreadyStoppedRatherThanThatItStoppedIt() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(new LabHome(home).serverRecord(), """
                {"provider": "LOCAL_PROCESS", "trackingUri": "http://127.0.0.1:9", "pid": %d, "startedAt": "%s"}
                """.formatted(ended.pid(), Instant.now()));

        assertThat(lab(Map.of(), "down")).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).contains("The MLflow server recorded at http://127.0.0.1:9", "was no longer running",
                "its record is removed").doesNotContain("Stopped");
        assertThat(new LabHome(home).serverRecord()).doesNotExist();
        assertThat(lab(Map.of(), "down")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("No MLflow server started by mllabs is recorded");
    }

    @Test
    void theServingServiceNeedsTheMlflowServerAndSaysWhenItIsNotRunning() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path record = home.resolve("serving/serving.json");
        Files.createDirectories(record.getParent());
        Files.writeString(record, """
                {"pid": %d, "uri": "http://127.0.0.1:9", "tracking_uri": "http://127.0.0.1:9", "started_at": "%s"}
                """.formatted(ended.pid(), Instant.now()));

        assertThat(lab(Map.of(), "serve", "status")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("The serving service is not running: start it with `lab serve up`.");
        assertThat(lab(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:9"), "status")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Serving:         not running (`lab serve up` starts it)");
        assertThat(lab(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:9"), "serve", "up"))
                .isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(out.toString()).contains("No MLflow server is up", "`lab up`");
        assertThat(lab(Map.of(), "serve", "down")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("The serving service recorded at http://127.0.0.1:9 was no longer "
                + "running").doesNotContain("Stopped the serving service");
        assertThat(record).doesNotExist();
        assertThat(lab(Map.of(), "serve", "down")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("No serving service is recorded");
        assertThat(lab(Map.of(), "serve")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anUnreachableServerEndsTheGradeWithAnEnvironmentErrorAndWhatToDo() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int status = lab(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:" + closed), "grade", "lab01");

        assertThat(status).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("does not answer", "MLFLOW_TRACKING_URI");
    }

    @Test
    void anUnknownReportFormatIsAUsageErrorThatNamesTheFormats() {
        assertThat(lab(Map.of(), "grade", "lab01", "--report", "json,pdf")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("There is no report format \"pdf\"", "json, junit, markdown, html");
    }

    @Test
    void anOutputDirectoryWithoutAReportIsAUsageError() {
        assertThat(lab(Map.of(), "grade", "lab01", "--output", home.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--output says where --report writes");
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenIsNamedBeforeGrading() throws IOException {
        Path file = Files.writeString(home.resolve("reports"), "a file where the directory should be");

        int status = lab(Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:1"), "grade", "lab01", "--report", "html",
                "--output", file.toString());

        assertThat(status).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("Cannot write grade reports to " + file, "is a file, not a directory");
    }

    @Test
    void outsideTheCheckoutTheCommandSaysWhereToRunIt(@TempDir Path elsewhere) {
        int status = lab(Map.of("MLLABS_REPO", elsewhere.toString()), "list");

        assertThat(status).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(err.toString()).contains("is not an mllabs checkout");
    }

    @Test
    void versionNamesThePinnedMlflowAndSpark() {
        assertThat(lab(Map.of(), "--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("MLflow server 3.", "Spark 4.");
    }

    @Test
    void gradeAllNeedsExactlyOneSourceOfLearners() {
        assertThat(lab(Map.of(), "grade-all", "lab01")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--server", "--submissions");
    }

    @Test
    void gradeAllRefusesALabThatServesModelsBeforeTouchingAnything() {
        assertThat(lab(Map.of(), "grade-all", "lab11", "--server")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("grade-all does not grade lab11 yet", "lab grade lab11");
    }

    @Test
    void gradeAllRefusesADurationItCannotRead() {
        assertThat(lab(Map.of(), "grade-all", "lab01", "--submissions", home.toString(), "--timeout", "soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not a duration", "90s");
    }

    @Test
    void theLearnersCopyLeavesOutSolutionsAndHiddenChecksAndItsSolutionRunSaysSo(@TempDir Path copy)
            throws IOException {
        Path target = copy.resolve("student");

        assertThat(lab(Map.of(), "export-student", target.toString())).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).contains("Left out:", "reference solutions: labs/lab01-mlflow-tracking/src/solution",
                "hidden checks: graders/lab01-mlflow-tracking/src/hidden",
                "grader tests and mutants: graders/lab01-mlflow-tracking/src/test");
        assertThat(target.resolve("labs/lab01-mlflow-tracking/src/main/java/org/mllabs/lab01/TrackingSteps.java"))
                .exists();
        assertThat(target.resolve("labs/lab01-mlflow-tracking/src/solution")).doesNotExist();
        assertThat(target.resolve("graders/lab01-mlflow-tracking/src/hidden")).doesNotExist();
        assertThat(target.resolve("graders/lab01-mlflow-tracking/src/test")).doesNotExist();
        assertThat(Files.isExecutable(target.resolve("mvnw"))).isTrue();

        int status = lab(Map.of("MLLABS_REPO", target.toString()), "run", "lab01", "--solution");

        assertThat(status).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("reference solution is not part of this copy");
        assertThat(lab(Map.of(), "export-student", target.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not empty");
    }
}
