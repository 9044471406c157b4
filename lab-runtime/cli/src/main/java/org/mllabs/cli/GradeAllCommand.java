package org.mllabs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.mllabs.cli.classroom.BatchStop;
import org.mllabs.cli.classroom.ClassGrading;
import org.mllabs.cli.classroom.ClassSummary;
import org.mllabs.cli.classroom.Gradebook;
import org.mllabs.cli.classroom.GradebookRow;
import org.mllabs.cli.classroom.InstructorGrading;
import org.mllabs.cli.classroom.LearnerCount;
import org.mllabs.cli.classroom.LearnerCredentials;
import org.mllabs.cli.classroom.LearnerStatus;
import org.mllabs.cli.classroom.Roster;
import org.mllabs.cli.classroom.ServerLearners;
import org.mllabs.cli.classroom.SubmissionFolder;
import org.mllabs.cli.classroom.Submissions;
import org.mllabs.grading.GraderCatalog;
import org.mllabs.grading.GradingSeed;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabDescriptor;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowCredentials;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.server.SharedServerAuth;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab grade-all <lab> --server | --submissions <dir>}: grades a whole class into a gradebook CSV, with the
 * instructor's graders, several learners at once, resuming where an interrupted run stopped.
 */
@Command(name = "grade-all",
        description = {"Grade a whole class into a gradebook (learner,lab,score,max,status,duration_s).",
            "--server grades every learner with an experiment /mllabs/<learner>/<lab> on the MLflow server; "
                    + "--submissions runs each learner's checkout (one sub-folder per learner, named by the learner "
                    + "id) in a JVM of its own, then grades it, after deleting the learner's earlier runs of the lab. "
                    + "--roster adds a NO_SUBMISSION row for each listed learner who handed nothing in. "
                    + "Learners already in the gradebook are skipped."})
final class GradeAllCommand implements Callable<Integer> {

    private final CliSession session;

    @Parameters(index = "0", paramLabel = "<lab>", description = "The lab, such as lab01.")
    private String labName;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--jobs", paramLabel = "<n>",
            description = "Learners graded at once (default: --server, the number of cores; --submissions, half of "
                    + "them, at least 1: each run is a Spark job).")
    private Integer jobs;

    @Option(names = "--gradebook", paramLabel = "<file>",
            description = "The gradebook CSV (default: $MLLABS_HOME/gradebooks/<lab>.csv); run logs go beside it.")
    private Path gradebookFile;

    @Option(names = "--roster", paramLabel = "<file>",
            description = "The class list, one learner id a line (or a CSV whose first column is the id): each "
                    + "learner on it gets a row, NO_SUBMISSION when nothing was handed in.")
    private Path rosterFile;

    @Option(names = "--restart", description = "Grade every learner again, ignoring the gradebook's rows of the lab.")
    private boolean restart;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m", converter = DurationConverter.class,
            description = "--submissions: how long one learner's run may take, such as 90s or 10m (default: "
                    + "${DEFAULT-VALUE}); then it is killed and graded on what it logged.")
    private Duration timeout;

    @Option(names = "--memory", paramLabel = "<size>", defaultValue = "2g",
            description = "--submissions: the heap of each learner's JVM, such as 1500m or 2g (default: "
                    + "${DEFAULT-VALUE}).")
    private String memory;

    @Option(names = "--credentials", paramLabel = "<dir>",
            description = "--submissions on a shared server: where each learner's credentials file is (default: "
                    + "shared/credentials in the state directory, where `lab up --shared` writes them); each "
                    + "submission logs as its own learner.")
    private Path credentialsDirectory;

    @Option(names = "--same-user",
            description = "--submissions: run the submissions as your own user where they cannot run as users of "
                    + "their own (not root, not Linux). Only for submissions you trust: they can then read the grading "
                    + "seed and change your files.")
    private boolean sameUser;

    /** Where the learners come from. */
    static final class Source {
        @Option(names = "--server", required = true,
                description = "Grade every learner found on the MLflow server in use.")
        boolean server;

        @Option(names = "--submissions", paramLabel = "<dir>", required = true,
                description = "Run and grade every checkout in this folder (sub-folder name = learner id).")
        Path submissions;
    }

    GradeAllCommand(CliSession session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        LabDescriptor lab = session.labs().get(labName);
        if (lab.needsServing()) {
            // a learner's endpoints live in the serving service beside the MLflow server the learner's lab ran on
            throw new IllegalArgumentException("grade-all does not grade " + lab.id() + " yet: it serves models "
                    + "(lab.yaml: services: [serving]), and a learner's endpoints and inference tables are kept by the "
                    + "serving service of the machine that ran the lab, which grade-all does not reach. Grade each "
                    + "learner there with: lab grade " + lab.id());
        }
        MlflowServer server = session.servers().connect();
        Optional<MlflowCredentials> reader = ServerUser.admin(session.environment(), server.trackingUri(), "grade-all");
        if (credentialsDirectory != null && (source.server || reader.isEmpty())) {
            throw new IllegalArgumentException("--credentials belongs to --submissions on a shared server (one with "
                    + "users), where each submission logs as its own learner.");
        }
        GradingSeed seed = GradingSeed.resolve(session.environment(), session.home());
        session.say("Grading with " + seed.describe() + ".");
        Gradebook gradebook = new Gradebook(gradebookFile != null ? gradebookFile
                : session.home().root().resolve("gradebooks").resolve(lab.id() + ".csv"));
        // bad input is refused before the gradebook is touched (--restart drops rows), so it loses nothing
        Optional<Roster> roster = Optional.ofNullable(rosterFile).map(Roster::read);
        BatchStop stop = new BatchStop();
        int withoutRow;
        try (InstructorGrading grading = new InstructorGrading(
                GraderCatalog.load(session.repository().graders()).forLab(lab.id()), server, reader,
                seed, session::say, stop, InstructorGrading.SERVER_WAIT)) {
            withoutRow = source.server
                    ? gradeFromServer(lab, server, reader, gradebook, roster, grading, stop)
                    : runAndGradeSubmissions(lab, server, reader, seed, gradebook, roster, grading, stop);
        }
        List<GradebookRow> rows = gradebook.compact();
        session.say(ClassSummary.of(lab.id(), rows).render());
        session.say("Gradebook: " + gradebook.file());
        long graderErrors = rows.stream()
                .filter(row -> row.lab().equals(lab.id()) && row.status() == LearnerStatus.GRADER_ERROR).count();
        if (graderErrors > 0 || withoutRow > 0 || stop.stopped()) {
            session.say("Not every learner could be graded" + stop.reason().map(why -> " (" + why + ")").orElse("")
                    + ": " + graderErrors + " GRADER_ERROR, " + withoutRow + " without a row (said above why). Once "
                    + "the cause is fixed (for the MLflow server: lab status), run the same command again: it grades "
                    + "those learners and the ones not reached, and no others.");
            return ExitCodes.ENVIRONMENT;
        }
        return ExitCodes.OK;
    }

    private int gradeFromServer(LabDescriptor lab, MlflowServer server, Optional<MlflowCredentials> reader,
                                 Gradebook gradebook, Optional<Roster> roster, InstructorGrading grading,
                                 BatchStop stop) {
        List<LearnerId> learners;
        try (LabMlflow mlflow = LabMlflow.open(server.trackingUri(), reader)) {
            learners = ServerLearners.of(mlflow.client(), lab.id(), session::say);
        }
        if (roster.isPresent()) {
            noteOffRoster(roster.get(), learners.stream().map(LearnerId::value).toList());
            Set<LearnerId> all = new TreeSet<>(Comparator.comparing(LearnerId::value));
            all.addAll(learners);
            all.addAll(roster.get().learners());
            learners = List.copyOf(all);
        }
        return grade(gradebook, lab, learners, LearnerId::value, jobs != null ? jobs : cores(),
                grading::gradeFromServer, stop);
    }

    private int runAndGradeSubmissions(LabDescriptor lab, MlflowServer server, Optional<MlflowCredentials> reader,
                                        GradingSeed seed, Gradebook gradebook, Optional<Roster> roster,
                                        InstructorGrading grading, BatchStop stop) {
        List<SubmissionFolder> folders = SubmissionFolder.scan(source.submissions);
        if (roster.isPresent()) {
            noteOffRoster(roster.get(), folders.stream().map(SubmissionFolder::key).toList());
            folders = SubmissionFolder.withRoster(source.submissions, folders, roster.get());
        }
        LearnerCredentials credentials = learnerCredentials(reader, folders);
        if (reader.isEmpty()) {
            session.say("WARNING: the MLflow server at " + server.trackingUri() + " has no users, so a submission "
                    + "can read and change every learner's runs through its REST API (copy a graded learner's runs "
                    + "into its own experiment, say). For submissions you do not trust, grade on a shared server: "
                    + "`lab up --shared --roster <file>`, then grade as its admin.");
        }
        int parallel = jobs != null ? jobs : Math.max(1, cores() / 2);
        List<Path> secrets = new ArrayList<>();
        if (seed.source() == GradingSeed.Source.FILE) {
            secrets.add(Path.of(seed.origin()));
        }
        secrets.addAll(new SharedServerFiles(session.home()).secrets(session.environment(),
                credentials.directory().stream().toList()));
        List<Path> guarded = List.of(gradebook.file().getParent(), session.home().root(),
                session.repository().root());
        List<Path> unseen = new ArrayList<>(guarded);
        unseen.addAll(List.of(logs(gradebook), source.submissions, Path.of(System.getProperty("user.home"))));
        session.environment().get("HOME").map(Path::of).ifPresent(unseen::add);
        secrets.forEach(secret -> unseen.add(secret.toAbsolutePath().getParent()));
        Submissions.Setup setup = new Submissions.Setup(lab.id(), lab.directory().getFileName().toString(),
                server.trackingUri(), credentials, logs(gradebook), sameUser, secrets, guarded, unseen, restart,
                stop, session::say);
        Submissions.Limits limits = new Submissions.Limits(timeout, memory, parallel, cores());
        try (Submissions submissions = Submissions.prepare(setup, grading, limits)) {
            session.say("Each learner's run is logged in " + submissions.logs() + ".");
            return grade(gradebook, lab, folders, SubmissionFolder::key, parallel, submissions::runAndGrade, stop);
        }
    }

    /**
     * On a shared server, each submission logs as its learner: every learner handed in must have a credentials file,
     * which is checked before anything runs or is deleted.
     */
    private LearnerCredentials learnerCredentials(Optional<MlflowCredentials> reader, List<SubmissionFolder> folders) {
        if (reader.isEmpty()) {
            return LearnerCredentials.none();
        }
        LearnerCredentials credentials = LearnerCredentials.in(credentialsDirectory != null ? credentialsDirectory
                : new SharedServerFiles(session.home()).credentials());
        List<LearnerId> handedIn = folders.stream().filter(SubmissionFolder::submitted)
                .flatMap(folder -> folder.learner().stream()).toList();
        if (handedIn.stream().anyMatch(learner -> learner.value().equals(SharedServerAuth.ADMIN))) {
            throw new IllegalArgumentException("A submission folder is named " + SharedServerAuth.ADMIN + ", the "
                    + "shared server's admin, who is no learner: rename that folder (and that learner on the roster). "
                    + "Nothing was run or deleted.");
        }
        List<LearnerId> missing = credentials.missing(handedIn);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("On this shared server each submission logs as its learner, and "
                    + LearnerCount.of(missing.size(), "has", "have") + " no credentials file in "
                    + credentials.directory().orElseThrow() + ": "
                    + String.join(", ", missing.stream().map(LearnerId::value).limit(10).toList())
                    + (missing.size() > 10 ? ", ..." : "") + ". Add them with `lab up --shared --roster <file>` (or "
                    + "give the folder with --credentials), then grade again. Nothing was run or deleted.");
        }
        return credentials;
    }

    /** Grades the learners not graded yet; returns how many got no row. */
    private <T> int grade(Gradebook gradebook, LabDescriptor lab, List<T> learners, Function<T, String> key,
                           int parallel, Function<T, GradebookRow> gradeOne, BatchStop stop) {
        gradebook.open(lab.id(), restart);
        Set<String> finished = gradebook.finished(lab.id());
        List<T> todo = learners.stream().filter(learner -> !finished.contains(key.apply(learner))).toList();
        if (todo.size() < learners.size()) {
            session.say("Skipping " + (learners.size() - todo.size()) + " of " + LearnerCount.of(learners.size())
                    + " already in the gradebook " + gradebook.file() + " (--restart grades them again).");
        }
        session.say("Grading " + LearnerCount.of(todo.size()) + ", " + parallel + " at a time:");
        return new ClassGrading(gradebook, parallel, session.out(), session.color()).gradeAll(todo, gradeOne, stop);
    }

    /** Tells the instructor who is graded without being on the roster (a typo in a folder name, a guest). */
    private void noteOffRoster(Roster roster, List<String> found) {
        Set<String> listed = new HashSet<>();
        roster.learners().forEach(learner -> listed.add(learner.value()));
        List<String> off = found.stream().filter(key -> !listed.contains(key)).toList();
        if (!off.isEmpty()) {
            session.say(LearnerCount.of(off.size(), "is", "are") + " graded but not on the roster " + roster.file()
                    + ": " + String.join(", ", off.subList(0, Math.min(10, off.size())))
                    + (off.size() > 10 ? ", ..." : ""));
        }
    }

    private static Path logs(Gradebook gradebook) {
        String name = gradebook.file().getFileName().toString().replaceFirst("\\.csv$", "");
        return gradebook.file().resolveSibling(name + "-logs");
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
