package org.mllabs.grading.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.mllabs.grading.CheckOutcome;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.ConsoleReport;
import org.mllabs.grading.GradeReport;
import org.mllabs.grading.Grader;
import org.mllabs.grading.Grading;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.lab.LabRunResult;
import org.mllabs.runtime.lab.LabVariant;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.Mutant;
import org.mllabs.runtime.testing.PythonChecks;
import org.mllabs.runtime.testing.TestServing;

/**
 * Runs a lab's solution, starter or mutants for a fresh learner and grades the result with the lab's grader, the way
 * every grader test does: the solution earns full marks, the starter earns little with a hint per step, and each
 * mutant loses exactly the points it should, with its hint. A lab that needs the serving service runs and is graded
 * with the test JVM's one ({@link TestServing}), started the first time such a lab is tested. A grade that holds an
 * environment failure is not a verdict on the submission: it is run once more, as a learner would, and only that
 * second grade counts.
 */
public final class GraderHarness {

    private final Grader grader;
    private final GraderModule module;
    private final MlflowServer server;
    private final SparkSession spark;
    private final LabFixture labs;
    private final Path work;

    /**
     * @param grader the grader under test
     * @param module the grader's module, with its mutants and Python checks
     * @param server the test MLflow server
     * @param spark the test Spark session the labs run on
     * @param work a temporary folder
     */
    public GraderHarness(Grader grader, GraderModule module, MlflowServer server, SparkSession spark, Path work) {
        this.grader = grader;
        this.module = module;
        this.server = server;
        this.spark = spark;
        this.labs = new LabFixture(server, spark, work);
        this.work = work;
    }

    /** The wrong submissions kept beside the grader's tests, for a {@code @MethodSource}. */
    public static Stream<Mutant> mutants(GraderModule module) {
        return Mutant.readAll(module.mutants()).stream().filter(mutant -> !mutant.valid());
    }

    /** The valid alternatives kept beside the grader's tests ({@code valid: true}), for a {@code @MethodSource}. */
    public static Stream<Mutant> validAlternatives(GraderModule module) {
        return Mutant.readAll(module.mutants()).stream().filter(Mutant::valid);
    }

    /** Runs the solution or the starter for a new learner; the run's result and the learner. */
    public Submission run(LabVariant variant) {
        LearnerId learner = LabFixture.newLearner(variant.name().toLowerCase(Locale.ROOT));
        return new Submission(learner, labs.run(grader.labId(), variant, learner));
    }

    /** Runs a mutant of the solution for a new learner; the run's result and the learner. */
    public Submission run(Mutant mutant) {
        LearnerId learner = LabFixture.newLearner("mutant");
        return new Submission(learner, labs.run(grader.labId(), mutant, learner));
    }

    /** A learner's run of the lab. */
    public record Submission(LearnerId learner, LabRunResult result) {
    }

    /** A submission and its grade. */
    private record Graded(Submission submission, GradeReport report) {
    }

    /**
     * Runs a submission and grades it; when the grade holds an environment failure (a check's
     * {@link CheckResult.Status#ERROR}: the server, the serving service or the machine's load, never the work), runs
     * it once more for a new learner, as a learner would after such a report, and keeps that grade.
     */
    private Graded runAndGrade(Supplier<Submission> submit) {
        Submission submission = submit.get();
        GradeReport report = grade(submission.learner());
        if (environmentFailed(report)) {
            System.out.println("[harness] the grade of " + submission.learner().value() + " holds an environment "
                    + "failure; running the submission once more");
            submission = submit.get();
            report = grade(submission.learner());
        }
        return new Graded(submission, report);
    }

    private static boolean environmentFailed(GradeReport report) {
        return report.outcomes().stream().anyMatch(outcome -> outcome.result().status() == CheckResult.Status.ERROR);
    }

    /** Grades the learner with the public practice seed, printing the report. */
    public GradeReport grade(LearnerId learner) {
        try (GradingContext context = context(learner)) {
            GradeReport report = Grading.grade(grader, context);
            System.out.print(render(report));
            return report;
        }
    }

    /** A context on the test server for the learner, for tests that read evidence the way a grader does. */
    public GradingContext context(LearnerId learner) {
        GradingContext context = GradingContext.of(learner, server);
        if (labs.lab(grader.labId()).needsServing()) {
            context.servingAt(TestServing.uri(server, spark));
        }
        return context;
    }

    /**
     * Runs the solution, grades it and asserts full marks; then, when the grader module has Python checks
     * ({@link GraderModule#pythonChecks()}), writes what Java predicts with each of the models to score on its
     * dataset's every row ({@link JavaPredictions}) into a folder the checks find in
     * {@link PythonChecks#JAVA_PREDICTIONS}, and runs the checks with pytest against the solution's experiment
     * ({@link PythonChecks}), printing how long Java and Python took; returns the report.
     *
     * @param models the solution's models the Python checks score, as the lab's README asks to log or register them
     */
    public GradeReport assertSolutionEarnsFullMarks(ModelsToScore models) {
        Graded graded = runAndGrade(() -> run(LabVariant.SOLUTION));
        Submission solution = graded.submission();
        assertThat(solution.result().status()).as(solution.result().toString())
                .isEqualTo(LabRunResult.Status.COMPLETED);
        GradeReport report = graded.report();
        assertThat(report.score()).as(render(report)).isEqualTo(report.maxScore());
        if (Files.isDirectory(module.pythonChecks())) {
            Path predictions = work.resolve("java-predictions");
            try (GradingContext context = context(solution.learner())) {
                JavaPredictions.write(models.uris(LearnerRuns.of(context, grader.labId())), models.completeRowsOnly(),
                        context, predictions);
            }
            System.out.print(PythonChecks.pytest(module.pythonChecks(), server, grader.labId(),
                    solution.learner().experimentName(grader.labId()), work,
                    Map.of(PythonChecks.JAVA_PREDICTIONS, predictions.toString())));
            System.out.print(JavaPredictions.pythonTimings(predictions));
        }
        return report;
    }

    /** Runs a valid alternative of the solution, grades it, asserts full marks and returns the report. */
    public GradeReport assertKeepsFullMarks(Mutant alternative) {
        Graded graded = runAndGrade(() -> run(alternative));
        assertThat(graded.submission().result().status()).as(graded.submission().result().toString())
                .isEqualTo(LabRunResult.Status.COMPLETED);
        GradeReport report = graded.report();
        assertThat(report.score()).as(render(report)).isEqualTo(report.maxScore());
        return report;
    }

    /**
     * Runs the untouched starter, asserts it stops at the first step, earns at most {@code maxScore}, and that every
     * check it does not pass carries guidance pointing at its README step; returns the report.
     */
    public GradeReport assertStarterEarnsAtMost(int maxScore) {
        Submission starter = run(LabVariant.STARTER);
        assertThat(starter.result().status()).isEqualTo(LabRunResult.Status.STEP_NOT_DONE);
        GradeReport report = grade(starter.learner());
        assertThat(report.score()).as(render(report)).isLessThanOrEqualTo(maxScore);
        assertThat(report.outcomes()).filteredOn(outcome -> !outcome.result().passed())
                .isNotEmpty()
                .allSatisfy(outcome -> assertThat(outcome.check().guidance()).as(outcome.check().id())
                        .startsWith("README step " + stepNumber(outcome.check().id()) + ":"));
        return report;
    }

    /**
     * Runs the mutant and asserts that the grade fails exactly the mutant's checks, loses exactly their points and
     * those of the checks that depend on them, and that the first failed check's hint contains the mutant's hint.
     */
    public GradeReport assertLosesExactlyTheIntendedPoints(Mutant mutant) {
        Graded graded = runAndGrade(() -> run(mutant));
        // A mistake may also make a later step throw (nothing to search for); what counts is the grade.
        assertThat(graded.submission().result().status()).as(graded.submission().result().toString())
                .isNotEqualTo(LabRunResult.Status.DOES_NOT_COMPILE);
        GradeReport report = graded.report();
        List<String> failed = report.outcomes().stream()
                .filter(o -> o.result().status() == CheckResult.Status.FAILED)
                .map(o -> o.check().id()).toList();
        assertThat(failed).as(render(report)).containsExactlyElementsOf(mutant.fails());
        Set<String> lostChecks = lostWith(report, mutant.fails());
        int lost = report.outcomes().stream().filter(o -> !o.result().passed())
                .mapToInt(o -> o.check().points()).sum();
        int intended = report.outcomes().stream().filter(o -> lostChecks.contains(o.check().id()))
                .mapToInt(o -> o.check().points()).sum();
        assertThat(lost).as(render(report)).isEqualTo(intended);
        assertThat(report.outcome(mutant.fails().get(0)).result().detail()).contains(mutant.hint());
        return report;
    }

    /** The report as the console shows it, without colour, hidden checks included. */
    public static String render(GradeReport report) {
        return new ConsoleReport(false, true).render(report);
    }

    /** The failed checks and every check that depends on them, directly or through another. */
    private static Set<String> lostWith(GradeReport report, List<String> failed) {
        Set<String> lost = new HashSet<>(failed);
        for (CheckOutcome outcome : report.outcomes()) {
            if (outcome.check().dependsOn().stream().anyMatch(lost::contains)) {
                lost.add(outcome.check().id());
            }
        }
        return lost;
    }

    /** The README step a check id belongs to: {@code lab01.step3.auc} is step 3. */
    private static String stepNumber(String checkId) {
        return checkId.replaceAll("^lab\\d+\\.step(\\d+).*", "$1");
    }
}
