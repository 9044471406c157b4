package org.mllabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.ViewType;
import org.mllabs.cli.classroom.Gradebook;
import org.mllabs.cli.classroom.GradebookRow;
import org.mllabs.cli.classroom.LearnerStatus;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.RepositoryLayout;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.lab.LabVariant;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;
import org.mllabs.runtime.testing.OwnMlflowServer;
import org.mllabs.runtime.testing.SparkExtension;

/**
 * {@code lab grade-all} against a real MLflow server: learners found on the server, learners' checkouts run in child
 * JVMs and graded with this checkout's grader, a time limit, and a second run that grades nobody again.
 */
@Tag("integration")
@ExtendWith({MlflowServerExtension.class, SparkExtension.class})
class ClassGradingIT {

    private static final String LAB_FOLDER = Lab01Checkout.LAB_FOLDER;
    private static final String STEPS = Lab01Checkout.STEPS;
    private static final String GRADER = Lab01Checkout.GRADER;

    private final RepositoryLayout repository = RepositoryLayout.locate(LabEnvironment.current());
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final StringWriter out = new StringWriter();

    @TempDir
    Path home;

    private SparkSession spark;
    private Path work;
    private MlflowServer server;
    private LabFixture labs;

    @BeforeEach
    void setUp(MlflowServer server, SparkSession spark, @TempDir Path work) {
        Assumptions.assumeTrue(Files.isDirectory(repository.root().resolve(LAB_FOLDER + "/src/solution/java")),
                "a learner's copy of the repository has no reference solution to grade");
        this.spark = spark;
        this.work = work;
        use(server);
    }

    /**
     * Runs this test's labs and commands on the server: the build's, or, for a test that grades every learner on its
     * server ({@code --server}), one of its own, so that it grades its own learners and not every other module's.
     */
    private void use(MlflowServer server) {
        this.server = server;
        this.labs = new LabFixture(server, spark, work);
    }

    @Test
    void theServerModeGradesEveryLearnerOnTheServerOnceAndARosterNamesWhoHandedNothingIn() throws IOException {
        try (OwnMlflowServer own = OwnMlflowServer.start(home.resolve("own-server"))) {
            use(own.server());
            gradesEveryLearnerOnTheServerOnceAndNamesWhoHandedNothingIn();
        }
    }

    private void gradesEveryLearnerOnTheServerOnceAndNamesWhoHandedNothingIn() throws IOException {
        LearnerId first = LabFixture.newLearner("class-solution");
        LearnerId second = LabFixture.newLearner("class-solution");
        LearnerId starter = LabFixture.newLearner("class-starter");
        LearnerId stepOne = LabFixture.newLearner("class-step-one");
        assertThat(labs.run("lab01", LabVariant.SOLUTION, first).status()).isEqualTo(LabRunResult.Status.COMPLETED);
        assertThat(labs.run("lab01", LabVariant.SOLUTION, second).status()).isEqualTo(LabRunResult.Status.COMPLETED);
        assertThat(labs.run("lab01", LabVariant.STARTER, starter).status())
                .isEqualTo(LabRunResult.Status.STEP_NOT_DONE);
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            mlflow.client().createExperiment(stepOne.experimentName("lab01"));
        }

        assertThat(lab("grade-all", "lab01", "--server", "--jobs", "2")).as(out.toString()).isEqualTo(ExitCodes.OK);

        List<GradebookRow> rows = new Gradebook(home.resolve("gradebooks/lab01.csv")).read();
        Map<String, GradebookRow> byLearner = rows.stream()
                .collect(Collectors.toMap(GradebookRow::learner, Function.identity()));
        assertThat(byLearner).as("one row per learner").hasSameSizeAs(rows);
        assertThat(byLearner.get(first.value())).satisfies(row -> assertThat(row.fullMarks()).isTrue());
        assertThat(byLearner.get(second.value())).satisfies(row -> assertThat(row.fullMarks()).isTrue());
        assertThat(byLearner).as("the untouched starter logs nothing: the server knows no such learner")
                .doesNotContainKey(starter.value());
        assertThat(byLearner.get(stepOne.value()).score()).as("the experiment, and nothing else").isEqualTo(10);
        assertThat(byLearner.get(first.value()).status()).isEqualTo(LearnerStatus.GRADED);
        assertThat(out.toString()).contains("learners graded", "Full marks:", "Gradebook: ");

        out.getBuffer().setLength(0);
        Path roster = Files.writeString(home.resolve("roster.txt"), first + "\n" + starter + "\n");
        assertThat(lab("grade-all", "lab01", "--server", "--roster", roster.toString())).as(out.toString())
                .isEqualTo(ExitCodes.OK);

        GradebookRow absent = new Gradebook(home.resolve("gradebooks/lab01.csv")).read().stream()
                .filter(row -> row.learner().equals(starter.value())).findFirst().orElseThrow();
        assertThat(absent.status()).as("on the roster, nothing on the server").isEqualTo(LearnerStatus.NO_SUBMISSION);
        assertThat(absent.score()).isZero();
        assertThat(absent.max()).isEqualTo(byLearner.get(first.value()).max());
        assertThat(out.toString()).contains("graded but not on the roster", second.value(), stepOne.value());
    }

    @Test
    void aLaterBatchGradesEachSubmissionOnWhatItLogsThisTimeAndARosterNamesWhoHandedNothingIn(
            @TempDir Path submissions) throws IOException {
        String learner = "resubmits-" + suffix;
        String absent = "absent-" + suffix;
        Path checkout = Lab01Checkout.solved(repository, submissions.resolve(learner));
        Path steps = checkout.resolve(LAB_FOLDER + "/" + STEPS);
        Path roster = Files.writeString(home.resolve("roster.csv"), "learner,name\n" + learner + ",Re Submits\n"
                + absent + ",Ab Sent\n");
        Path gradebookFile = home.resolve("batches.csv");
        assertThat(lab("grade-all", "lab01", "--submissions", submissions.toString(), "--roster", roster.toString(),
                "--gradebook", gradebookFile.toString())).as(out.toString()).isEqualTo(ExitCodes.OK);
        Map<String, GradebookRow> first = rowsByLearner(gradebookFile);
        assertThat(first.get(learner).fullMarks()).as(out.toString()).isTrue();
        assertThat(first.get(absent).status()).isEqualTo(LearnerStatus.NO_SUBMISSION);
        assertThat(first.get(absent).score()).isZero();

        Files.copy(repository.root().resolve(LAB_FOLDER + "/" + STEPS), steps, StandardCopyOption.REPLACE_EXISTING);
        assertThat(lab("grade-all", "lab01", "--submissions", submissions.toString(), "--restart",
                "--gradebook", gradebookFile.toString())).as(out.toString()).isEqualTo(ExitCodes.OK);

        GradebookRow second = rowsByLearner(gradebookFile).get(learner);
        assertThat(second.status()).isEqualTo(LearnerStatus.STEP_NOT_DONE);
        assertThat(second.score()).as("graded on this batch's runs, not on the full marks of the last one").isZero();
        assertThat(out.toString()).contains(learner + ": deleted ");
    }

    private static Map<String, GradebookRow> rowsByLearner(Path gradebook) {
        return new Gradebook(gradebook).read().stream()
                .collect(Collectors.toMap(GradebookRow::learner, Function.identity(), (older, newer) -> newer));
    }

    @Test
    void submissionsRunInChildJvmsAreGradedWithTheInstructorsGraderAndNotGradedTwice(@TempDir Path submissions)
            throws IOException {
        String solution = "solution-" + suffix;
        String starter = "starter-" + suffix;
        String broken = "broken-" + suffix;
        Lab01Checkout.solved(repository, submissions.resolve(solution));
        Path starterCheckout = Lab01Checkout.starter(repository, submissions.resolve(starter));
        editToAlwaysPass(starterCheckout.resolve(GRADER));
        Path brokenCheckout = Lab01Checkout.starter(repository, submissions.resolve(broken));
        Path brokenSteps = brokenCheckout.resolve(LAB_FOLDER + "/" + STEPS);
        Files.writeString(brokenSteps, Files.readString(brokenSteps).replace("final class TrackingSteps {",
                "final class TrackingSteps {\n    this is not Java"));
        Files.createDirectory(submissions.resolve("_draft"));
        Path gradebookFile = home.resolve("class.csv");

        int status = lab("grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                gradebookFile.toString(), "--memory", "1g");

        assertThat(status).as(out.toString()).isEqualTo(ExitCodes.OK);
        Map<String, GradebookRow> rows = new Gradebook(gradebookFile).read().stream()
                .collect(Collectors.toMap(GradebookRow::learner, Function.identity()));
        assertThat(rows.get(solution).status()).as(out.toString()).isEqualTo(LearnerStatus.COMPLETED);
        assertThat(rows.get(solution).fullMarks()).as(out.toString()).isTrue();
        assertThat(rows.get(starter).status()).isEqualTo(LearnerStatus.STEP_NOT_DONE);
        assertThat(rows.get(starter).score()).as("the submission's own grader is never used").isZero();
        assertThat(rows.get(broken).status()).isEqualTo(LearnerStatus.DID_NOT_COMPILE);
        assertThat(rows.get(broken).score()).isZero();
        assertThat(rows.get("_draft/").status()).isEqualTo(LearnerStatus.INVALID_NAME);
        Path logs = home.resolve("class-logs");
        assertThat(Files.readString(logs.resolve(solution + ".log"))).contains("lab01 ran to the end");
        assertThat(Files.readString(logs.resolve(starter + ".log"))).contains("Step lab01.step1 is not done yet");
        assertThat(Files.readString(logs.resolve(broken + ".log"))).contains("does not compile");

        out.getBuffer().setLength(0);
        String before = Files.readString(gradebookFile);
        assertThat(lab("grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                gradebookFile.toString())).isEqualTo(ExitCodes.OK);

        assertThat(out.toString()).contains("Skipping 4 of 4 learners already in the gradebook", "Grading 0 learners,");
        assertThat(Files.readString(gradebookFile)).isEqualTo(before);
    }

    @Test
    void aSubmissionOverTheTimeLimitIsKilledAndGradedOnWhatItLogged(@TempDir Path submissions) throws IOException {
        String slow = "slow-" + suffix;
        Lab01Checkout.solved(repository, submissions.resolve(slow));

        int status = lab("grade-all", "lab01", "--submissions", submissions.toString(), "--timeout", "3s",
                "--gradebook", home.resolve("slow.csv").toString());

        assertThat(status).as(out.toString()).isEqualTo(ExitCodes.OK);
        GradebookRow row = new Gradebook(home.resolve("slow.csv")).read().get(0);
        assertThat(row.learner()).isEqualTo(slow);
        assertThat(row.status()).isEqualTo(LearnerStatus.TIMEOUT);
        assertThat(row.fullMarks()).isFalse();
        assertThat(row.durationSeconds()).isLessThan(30);
    }

    @Test
    void aSubmissionReachesNothingOfTheInstructorsAndLeavesNothingRunning(@TempDir Path submissions)
            throws IOException, InterruptedException {
        Assumptions.assumeTrue(Lab01Checkout.runsAsRoot(),
                "submissions run as users of their own only when grade-all runs as root");
        for (Path folder : List.of(home, submissions)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path seedFile = readableByAll(home.resolve("grading-seed"), "987654321\n");
        Path database = readableByAll(home.resolve("mlflow/mlflow.db"), "instructor's tracking database\n");
        Path credentials = readableByAll(home.resolve("shared/credentials/ada.credentials"), "password=ada-secret\n");
        String victim = "victim-" + suffix;
        Path victimsWork = readableByAll(submissions.resolve(victim + "/notes.txt"), "the victim's own work\n");
        Path earlierRun = readableByAll(Path.of("/var/tmp/mllabs-earlier-run-" + suffix), "left by an earlier run\n");
        Path solutionFile = repository.root().resolve(LAB_FOLDER + "/src/solution/java/org/mllabs/lab01/"
                + "TrackingSteps.java");
        Path gradebookFile = home.resolve("attack.csv");
        Path besideJar = repository.root().resolve("lab-runtime/cli/target/written-by-" + suffix);
        Path alive = Path.of("/tmp/mllabs-attack-" + suffix + "-alive");
        Path scratch = Path.of("/var/tmp/mllabs-attack-" + suffix + "-scratch");
        String attacker = "attacker-" + suffix;
        Path checkout = Lab01Checkout.starter(repository, submissions.resolve(attacker));
        Attack attack = new Attack(List.of("seed", seedFile, "environ", "", "beside-jar", besideJar, "classpath", "",
                "gradebook", gradebookFile, "solution", solutionFile, "database", database, "credentials",
                credentials, "other-learner", victimsWork, "earlier-run", earlierRun, "grader", "",
                "hidden-checks", "", "tmp", alive, "var-tmp", scratch, "detached", ""));
        Files.writeString(checkout.resolve(LAB_FOLDER + "/" + STEPS), Files.readString(solutionFile).replace(
                "final class TrackingSteps {", "final class TrackingSteps {\n" + attack.code()));

        try {
            int status = lab("grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                    gradebookFile.toString(), "--memory", "1g");

            assertThat(status).as(out.toString()).isEqualTo(ExitCodes.OK);
            String log = Files.readString(home.resolve("attack-logs/" + attacker + ".log"));
            assertThat(log).as("the attack ran, and failed at every turn").contains("ATTACK detached started",
                    "ATTACK tmp got through", "ATTACK var-tmp got through", "ATTACK tick");
            for (String denied : List.of("seed", "environ", "beside-jar", "classpath", "gradebook", "solution",
                    "database", "credentials", "other-learner", "earlier-run", "grader", "hidden-checks")) {
                assertThat(log).as(denied).contains("ATTACK " + denied + " denied");
            }
            assertThat(log).doesNotContain("987654321", "ada-secret", "tracking database", "victim's own work",
                    "earlier run", "DONE lab01");
            assertThat(besideJar).doesNotExist();
            assertThat(Files.getPosixFilePermissions(seedFile)).as("made the instructor's alone")
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            Map<String, GradebookRow> rows = rowsByLearner(gradebookFile);
            assertThat(rows).as("no forged row").containsOnlyKeys(attacker, victim);
            assertThat(rows.get(victim).status()).isEqualTo(LearnerStatus.NOT_A_CHECKOUT);
            assertThat(rows.get(attacker).fullMarks()).as(out.toString()).isTrue();
            assertThat(alive).as("what the submission left in /tmp is deleted with its run").doesNotExist();
            assertThat(scratch).as("the run's /var/tmp was its own").doesNotExist();
            assertThat(out.toString()).contains("mount namespace of its own", repository.root().toString());
            Thread.sleep(4_000);
            assertThat(Files.readString(home.resolve("attack-logs/" + attacker + ".log")))
                    .as("the detached process, writing every second, was killed with the run").isEqualTo(log);
            List<String> batchUsers = Pattern.compile("mllabs-submission-\\d+").matcher(out.toString()).results()
                    .map(MatchResult::group).distinct().toList();
            assertThat(batchUsers).as(out.toString()).isNotEmpty();
            assertThat(ProcessHandle.allProcesses().filter(process -> process.info().user()
                    .filter(batchUsers::contains).isPresent() && process.info().command().isPresent()))
                    .as("no process of the batch's submission users is left (other batches may run)").isEmpty();
        } finally {
            Files.deleteIfExists(earlierRun);
            Files.deleteIfExists(alive);
            Files.deleteIfExists(scratch);
            Files.deleteIfExists(besideJar);
        }
    }

    private static Path readableByAll(Path file, String content) throws IOException {
        for (Path folder = file.getParent(); !Files.exists(folder); folder = folder.getParent()) {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /**
     * Code that a cheating submission runs first: each attempt prints whether it got through.
     *
     * @param targets each attempt's name followed by the path it aims at (empty when it needs none)
     */
    private record Attack(List<Object> targets) {

        String code() {
            StringBuilder code = new StringBuilder("    static {\n");
            for (int index = 0; index < targets.size(); index += 2) {
                code.append("        attempt(\"").append(targets.get(index)).append("\", () -> ")
                        .append(attempt((String) targets.get(index), targets.get(index + 1).toString()))
                        .append(");\n");
            }
            return code + """
                        }

                        private interface Attempt {
                            void run() throws Exception;
                        }

                        private static void attempt(String what, Attempt attempt) {
                            try {
                                attempt.run();
                                System.out.println("ATTACK " + what + " got through");
                            } catch (Exception | Error e) {
                                System.out.println("ATTACK " + what + " denied: " + e);
                            }
                        }
                    """;
        }

        private static String attempt(String what, String path) {
            String file = "java.nio.file.Path.of(\"" + path + "\")";
            return switch (what) {
                case "environ" -> "System.out.println(new String(java.nio.file.Files.readAllBytes("
                        + "java.nio.file.Path.of(\"/proc/\" + ProcessHandle.current().parent().orElseThrow().pid() "
                        + "+ \"/environ\"))))";
                case "beside-jar", "tmp", "var-tmp" -> "java.nio.file.Files.writeString(" + file + ", \"x\")";
                case "classpath" -> "java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty("
                        + "\"java.class.path\").split(\":\")[0]).resolveSibling(\"x.jar\"), \"x\")";
                case "gradebook" -> "java.nio.file.Files.writeString(" + file + ", \"victim,lab01,100,100,COMPLETED,"
                        + "1.0\\n\", java.nio.file.StandardOpenOption.APPEND)";
                case "grader" -> "Class.forName(\"org.mllabs.graders.lab01.TrackingGrader\")";
                case "hidden-checks" -> "System.out.println(java.util.ServiceLoader.load("
                        + "org.mllabs.grading.HiddenChecks.class).findFirst().orElseThrow())";
                case "detached" -> "{ new ProcessBuilder(\"setsid\", \"sh\", \"-c\", \"while :; do echo ATTACK "
                        + "tick; sleep 1; done\").inheritIO().start(); System.out.println(\"ATTACK detached "
                        + "started\"); }";
                default -> "System.out.println(java.nio.file.Files.readString(" + file + "))";
            };
        }
    }

    @Test
    void aFolderThatIsNoCheckoutDeletesNothingOfTheLearners(@TempDir Path submissions) throws IOException {
        LearnerId learner = LabFixture.newLearner("class-empty");
        assertThat(labs.run("lab01", LabVariant.SOLUTION, learner).status()).isEqualTo(LabRunResult.Status.COMPLETED);
        Files.createDirectory(submissions.resolve(learner.value()));
        Path gradebookFile = home.resolve("empty.csv");

        assertThat(lab("grade-all", "lab01", "--submissions", submissions.toString(), "--gradebook",
                gradebookFile.toString())).as(out.toString()).isEqualTo(ExitCodes.OK);

        GradebookRow row = rowsByLearner(gradebookFile).get(learner.value());
        assertThat(row.status()).isEqualTo(LearnerStatus.NOT_A_CHECKOUT);
        assertThat(row.score()).isZero();
        assertThat(out.toString()).contains("is not a checkout", "nothing of the learner's deleted");
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            String experiment = mlflow.activeExperiment(learner.experimentName("lab01")).orElseThrow()
                    .getExperimentId();
            assertThat(mlflow.client().searchRuns(List.of(experiment), "", ViewType.ACTIVE_ONLY, 10)
                    .getItems())
                    .as("the learner's runs are still on the server").isNotEmpty();
        }
    }

    @Test
    void aRerunGradesTheLearnersAnOutageLeftWithAGraderErrorAndNoOthers() throws IOException {
        try (OwnMlflowServer own = OwnMlflowServer.start(home.resolve("own-server"))) {
            use(own.server());
            regradesTheLearnersAnOutageLeftWithAGraderErrorAndNoOthers();
        }
    }

    private void regradesTheLearnersAnOutageLeftWithAGraderErrorAndNoOthers() throws IOException {
        LearnerId kept = LabFixture.newLearner("class-kept");
        LearnerId regraded = LabFixture.newLearner("class-regraded");
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
            mlflow.client().createExperiment(kept.experimentName("lab01"));
            mlflow.client().createExperiment(regraded.experimentName("lab01"));
        }
        Path gradebookFile = home.resolve("outage.csv");
        Files.writeString(gradebookFile, "learner,lab,score,max,status,duration_s\n"
                + kept + ",lab01,55,100,GRADED,1.0\n" + regraded + ",lab01,0,0,GRADER_ERROR,1.0\n");
        Path roster = Files.writeString(home.resolve("outage-roster.txt"), kept + "\n" + regraded + "\n");

        assertThat(lab("grade-all", "lab01", "--server", "--roster", roster.toString(), "--gradebook",
                gradebookFile.toString())).as(out.toString()).isEqualTo(ExitCodes.OK);

        Map<String, GradebookRow> rows = rowsByLearner(gradebookFile);
        assertThat(rows.get(regraded.value()).status()).isEqualTo(LearnerStatus.GRADED);
        assertThat(rows.get(regraded.value()).score()).as("the experiment, and nothing else").isEqualTo(10);
        assertThat(rows.get(kept.value()).score()).as("a final row is not graded again").isEqualTo(55);
        assertThat(out.toString()).as("the final row is skipped").contains("Skipping 1 of 2 learners");
    }

    @Test
    void aRosterThatCannotBeUsedIsRefusedBeforeTheGradebookIsTouched() throws IOException {
        Path gradebookFile = home.resolve("kept.csv");
        String before = "learner,lab,score,max,status,duration_s\nada,lab01,80,100,GRADED,1.0\n";
        Files.writeString(gradebookFile, before);
        Path roster = Files.writeString(home.resolve("bad-roster.csv"), "Name,Email\nAda,ada@example.org\n");

        assertThat(lab("grade-all", "lab01", "--server", "--restart", "--roster", roster.toString(), "--gradebook",
                gradebookFile.toString())).as(out.toString()).isEqualTo(ExitCodes.USAGE);

        assertThat(out.toString()).contains("the first line is a header");
        assertThat(Files.readString(gradebookFile)).as("--restart dropped nothing").isEqualTo(before);
    }

    private static void editToAlwaysPass(Path grader) throws IOException {
        String source = Files.readString(grader);
        String edited = source.replace("CheckResult.failed(", "CheckResult.passed(")
                .replace("CheckResult.when(", "CheckResult.when(true || ");
        assertThat(edited).isNotEqualTo(source);
        Files.writeString(grader, edited);
    }

    /** Runs the lab command; submissions run as users of their own when this runs as root, else as this user. */
    private int lab(String... args) {
        if (List.of(args).contains("--submissions") && !Lab01Checkout.runsAsRoot()) {
            List<String> sameUser = new ArrayList<>(List.of(args));
            sameUser.add("--same-user");
            args = sameUser.toArray(String[]::new);
        }
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.remove(RepositoryLayout.MLLABS_REPO);
        variables.put(LabEnvironment.MLFLOW_TRACKING_URI, server.trackingUri().toString());
        variables.put("MLLABS_HOME", home.toString());
        PrintWriter writer = new PrintWriter(out, true);
        int status = LabCommand.execute(new LabEnvironment(variables), writer, writer, false, args);
        System.out.print(out);
        return status;
    }
}
