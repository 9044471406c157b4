package org.mllabs.graders.lab10;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.name;
import static org.mllabs.runtime.mlflow.RunData.params;
import static org.mllabs.runtime.mlflow.RunData.tags;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.FeatureSources;
import org.mllabs.grading.evidence.PipelineStages;
import org.mllabs.grading.evidence.PipelineStages.Stage;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SplitAuc;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.automl.AutoMl;
import org.mllabs.runtime.search.MlflowTrialLogger;

/** Grades lab 10, AutoML, one check per README step and three more on the AutoML run. */
public final class AutoMlGrader implements Grader {

    /** The steps of lab 10 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab10");

    /** The AutoML run's budget, as the README sets it. */
    static final double BUDGET_SECONDS = 30;
    /** How far past its budget an AutoML run may end: the service's promise. */
    static final double BUDGET_OVERRUN = 0.10;
    /**
     * Slack on top of the 10 %: the run's start and end times are both taken by the service's own clock, so there is
     * no clock skew to allow for, but the end time is stamped when {@code setTerminated} is sent, after the summary's
     * REST calls (two artifact uploads, three metrics, three tags), whose latency the service cannot bound on a loaded
     * machine; 1 s covers ten round trips of 100 ms.
     */
    static final double BUDGET_SLACK_SECONDS = 1;
    /**
     * How far a logged AUC may be from the AUC its model scores on the grader's held-out rows. The learner's AUC comes
     * from the validation part (about 1,000 rows), the grader's from 2,000 other rows; each AUC has a standard error of
     * about 0.015 on this data, so their difference one of about 0.02, and AutoML's best trial is picked on its
     * validation AUC, which makes it a little optimistic. 0.05 is over two standard errors plus that bias; a number
     * typed in or computed on the wrong rows is further off.
     */
    static final double AUC_TOLERANCE = 0.05;
    /**
     * How far a logged AUC may be from its model's AUC on the validation part the lab recorded: the same model on the
     * same rows gives the same AUC up to rounding (the evaluator counts it exactly below 2,000 distinct scores, as the
     * grader does); one of the thousand rows moved changes it by about 1e-3, and the training part's AUC differs more.
     */
    static final double SPLIT_AUC_TOLERANCE = 1e-4;
    /**
     * How close a logged AUC must be to the model's AUC on the training rows for the hint to say it was computed on
     * them: the evaluator bins the ROC curve of the ~4,000 training rows' distinct scores into 1,000 points, which
     * moves its AUC by up to about 1e-3 from the exact one the grader counts.
     */
    static final double TRAINING_AUC_TOLERANCE = 2e-3;
    static final String EXTRA_NUMERIC_EMPTY = "static final String[] EXTRA_NUMERIC = {};";
    static final String EXTRA_STAGES_EMPTY = "return new PipelineStage[] {};";
    private static final Pattern SOURCE_FILE = Pattern.compile("Trial_(\\d+)\\.java$");

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        AutoMlEvidence evidence = AutoMlEvidence.of(context);
        return List.of(
                STEPS.check(1, 15, "an AutoML run whose trials tried several estimators",
                        "run AutoMl with AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC, 30 s), your "
                                + "experiment context.experimentName() and context.runTags(); it logs the run "
                                + "automl with the trials as child runs.",
                        () -> automlRun(evidence)),
                STEPS.check(1, "budget", 10, "the AutoML run kept its time budget",
                        "the budget is Duration.ofSeconds(AutoMlLab.BUDGET_SECONDS), 30 s; AutoML "
                                + "stops starting trials at the budget and ends within 10 % of it.",
                        () -> budget(evidence)),
                STEPS.check(1, "best", 15, "the reported best is the best trial, and its model scores so",
                        "the AutoML run's tag " + AutoMl.BEST_RUN_TAG + " names the trial with the "
                                + "highest areaUnderROC, and that trial's model/ scores about as much on held-out "
                                + "data.",
                        () -> best(evidence)),
                STEPS.check(1, "sources", 10, "every trial logged its model and its generated source",
                        "each finished trial holds model/ and trial/Trial_<n>.java.",
                        () -> sources(evidence)),
                STEPS.check(2, 15, "your top-3 table is the leaderboard's top 3",
                        "search the AutoML run's FINISHED child runs ordered by metrics.areaUnderROC "
                                + "DESC, and log rank_<k>_areaUnderROC and the tag rank_<k>_run_id for k = 1..3 on "
                                + "the run automl-top3, tagged automl_run_id.",
                        () -> topThree(evidence)),
                STEPS.check(3, 15, "the manual model is compared with AutoML's best on the same rows",
                        "log the run manual-model with manual_auc (your model's validation AUC), "
                                + "automl_best_auc (the leaderboard's best), the tag winner (manual or automl) that "
                                + "the two numbers give, and your model under model/.",
                        () -> manual(evidence)),
                STEPS.check(4, 10, "the generated source is extended with a feature",
                        "add a stage to extraStages() that derives a column from the data's columns, "
                                + "never from the label churned, and list that column in EXTRA_NUMERIC; the lab logs "
                                + "your source on the run extended-trial under source/.",
                        () -> extendedSource(evidence)),
                STEPS.check(5, 10, "the extended trial ran and is logged with the trial it came from",
                        "log the run extended-trial tagged source_trial_run_id = the run id of the "
                                + "trial whose source you extended, with areaUnderROC on split[1] (the validation "
                                + "part) and the model under model/.",
                        () -> extendedRun(evidence)));
    }

    private static CheckResult automlRun(AutoMlEvidence evidence) {
        Optional<Run> automl = evidence.automl();
        if (automl.isEmpty()) {
            return noAutoMlRun(evidence);
        }
        Problems problems = new Problems();
        problems.expect("status of " + AutoMlEvidence.AUTOML_RUN, RunStatus.FINISHED,
                automl.get().getInfo().getStatus());
        problems.expect("param metric", AutoMlEvidence.METRIC, params(automl.get()).get("metric"));
        evidence.runs().expectLabTags(automl.get(), problems);
        Optional<String> tooBusy = machineTooBusy(automl.get(), evidence.trials());
        if (problems.isEmpty() && tooBusy.isPresent()) {
            return CheckResult.error(tooBusy.get());
        }
        List<Run> finished = evidence.finishedTrials();
        problems.require(finished.size() > 1, "expected more than one finished trial (child run), found "
                + finished.size() + " of " + evidence.trials().size());
        for (Run trial : finished) {
            Problems about = problems.about("trial " + name(trial));
            about.require(params(trial).containsKey("estimator"), "expected param estimator, found none");
            about.require(metrics(trial).containsKey(AutoMlEvidence.METRIC), "expected metric "
                    + AutoMlEvidence.METRIC + ", found " + metrics(trial).keySet());
        }
        List<String> families = finished.stream().map(trial -> params(trial).get("estimator")).distinct().toList();
        problems.require(families.size() > 1, "expected trials of several estimators, found " + families);
        return problems.result(finished.size() + " finished trials of " + families);
    }

    /**
     * Why the trials cannot show several estimators for a reason that is the machine's, not the learner's: the run had
     * the lab's budget, yet finished fewer than two trials or trials of one estimator only, and the budget stopped
     * others (the runtime tags them {@value AutoMl#STOPPED_AT_BUDGET}). A machine too loaded to run two trials in
     * 30 s is an environment failure, reported as such, never a lost point; empty when the trials are enough or the
     * shortfall has another cause (a budget or a trial count of the learner's).
     */
    static Optional<String> machineTooBusy(Run automl, List<Run> trials) {
        List<Run> finished = trials.stream().filter(run -> run.getInfo().getStatus() == RunStatus.FINISHED).toList();
        List<String> families = finished.stream().map(trial -> params(trial).get("estimator")).distinct().toList();
        long stopped = trials.stream()
                .filter(run -> AutoMl.STOPPED_AT_BUDGET.equals(tags(run).get(MlflowTrialLogger.FAILURE_TAG))).count();
        boolean labBudget = String.valueOf(BUDGET_SECONDS).equals(params(automl).get("budget_seconds"));
        if (finished.size() > 1 && families.size() > 1 || stopped == 0 || !labBudget) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "AutoML finished %d trial(s) of %s in its %.0f s budget, and "
                + "the budget stopped %d more: the machine was too busy to run the trials this check needs, which "
                + "says nothing of your work. Run the lab again when the machine is less loaded, then grade it.",
                finished.size(), families, BUDGET_SECONDS, stopped));
    }

    private static CheckResult budget(AutoMlEvidence evidence) {
        Optional<Run> found = evidence.automl();
        if (found.isEmpty()) {
            return noAutoMlRun(evidence);
        }
        Run automl = found.get();
        RunInfo info = automl.getInfo();
        Problems problems = new Problems();
        problems.expect("param budget_seconds", String.valueOf(BUDGET_SECONDS), params(automl).get("budget_seconds"));
        double limit = BUDGET_SECONDS * (1 + BUDGET_OVERRUN) + BUDGET_SLACK_SECONDS;
        double wall = (info.getEndTime() - info.getStartTime()) / 1000.0;
        problems.require(info.getEndTime() > 0 && wall <= limit, String.format(Locale.ROOT,
                "expected the AutoML run to end within %.1f s of its start (budget %.0f s + 10 %% + %.0f s), found "
                        + "%.1f s", limit, BUDGET_SECONDS, BUDGET_SLACK_SECONDS, wall));
        long deadline = info.getStartTime() + Math.round(BUDGET_SECONDS * 1000);
        for (Run trial : evidence.trials()) {
            problems.require(trial.getInfo().getStartTime() < deadline, String.format(Locale.ROOT,
                    "expected no trial to start after the budget, found %s starting %.1f s after the run",
                    name(trial), (trial.getInfo().getStartTime() - info.getStartTime()) / 1000.0));
        }
        return problems.result(String.format(Locale.ROOT, "%.1f s for a budget of %.0f s", wall, BUDGET_SECONDS));
    }

    private static CheckResult best(AutoMlEvidence evidence) {
        Optional<Run> found = evidence.automl();
        if (found.isEmpty()) {
            return noAutoMlRun(evidence);
        }
        Run automl = found.get();
        List<Run> ranked = evidence.ranked();
        if (ranked.isEmpty()) {
            return CheckResult.failed("found no finished trial with the metric " + AutoMlEvidence.METRIC);
        }
        double top = metrics(ranked.get(0)).get(AutoMlEvidence.METRIC);
        String reported = tags(automl).get(AutoMl.BEST_RUN_TAG);
        Optional<Run> reportedTrial = Optional.ofNullable(reported).flatMap(evidence::finishedTrial);
        Problems problems = new Problems();
        if (reportedTrial.isEmpty()) {
            problems.add("expected tag " + AutoMl.BEST_RUN_TAG + " = a finished trial with the highest "
                    + AutoMlEvidence.METRIC + " " + top + " (such as " + id(ranked.get(0)) + "), found " + reported
                    + " (not a finished trial of the AutoML run)");
            return problems.result("");
        }
        double reportedAuc = metrics(reportedTrial.get()).getOrDefault(AutoMlEvidence.METRIC, Double.NaN);
        problems.require(Tolerance.close(top, reportedAuc), "expected tag " + AutoMl.BEST_RUN_TAG + " = a trial "
                + "with the highest " + AutoMlEvidence.METRIC + " " + top + " (such as " + name(ranked.get(0))
                + "), found " + name(reportedTrial.get()) + " with " + reportedAuc);
        rescore(evidence, reportedTrial.get(), reportedAuc, AutoMlEvidence.METRIC, problems);
        return problems.result(String.format(Locale.ROOT, "best %s %s %.4f", name(reportedTrial.get()),
                params(reportedTrial.get()).get("estimator"), reportedAuc));
    }

    private static CheckResult sources(AutoMlEvidence evidence) {
        if (evidence.automl().isEmpty()) {
            return noAutoMlRun(evidence);
        }
        List<Run> finished = evidence.finishedTrials();
        Problems problems = new Problems();
        for (Run trial : finished) {
            Problems about = problems.about("trial " + name(trial));
            String number = AutoMlEvidence.trialNumber(trial);
            String path = "trial/Trial_" + number + ".java";
            Optional<String> source = evidence.text(trial, path);
            about.require(source.map(text -> text.contains("public final class Trial_" + number + " ")).orElse(false),
                    "expected the artifact " + path + " declaring class Trial_" + number + ", found "
                            + source.map(text -> "a file without it").orElse("none"));
            about.require(evidence.hasModel(trial), "expected a model under model/, found none");
        }
        problems.require(!finished.isEmpty(), "expected finished trials, found none");
        return problems.result(finished.size() + " trials with model/ and trial/Trial_<n>.java");
    }

    private static CheckResult topThree(AutoMlEvidence evidence) {
        Optional<Run> table = evidence.run(AutoMlEvidence.TOP3_RUN);
        if (table.isEmpty()) {
            return evidence.runs().missingRun(AutoMlEvidence.TOP3_RUN);
        }
        Problems problems = new Problems();
        evidence.runs().expectLabTags(table.get(), problems);
        problems.expect("tag automl_run_id", evidence.automl().map(run -> id(run)).orElse(null),
                tags(table.get()).get("automl_run_id"));
        List<Run> ranked = evidence.ranked();
        for (int rank = 1; rank <= Math.min(3, ranked.size()); rank++) {
            String metric = "rank_" + rank + "_" + AutoMlEvidence.METRIC;
            double expected = metrics(ranked.get(rank - 1)).get(AutoMlEvidence.METRIC);
            Double found = metrics(table.get()).get(metric);
            problems.require(found != null && Tolerance.close(expected, found), "expected metric " + metric + " = "
                    + expected + " (the leaderboard's #" + rank + ", " + name(ranked.get(rank - 1)) + "), found "
                    + found);
            String runId = tags(table.get()).get("rank_" + rank + "_run_id");
            Optional<Run> tagged = Optional.ofNullable(runId).flatMap(evidence::finishedTrial);
            problems.require(tagged.map(run -> Tolerance.close(expected, metrics(run).get(AutoMlEvidence.METRIC)))
                    .orElse(false), "expected tag rank_" + rank + "_run_id = a trial with " + AutoMlEvidence.METRIC
                    + " " + expected + ", found " + runId + tagged.map(run -> " (" + name(run) + ", "
                    + metrics(run).get(AutoMlEvidence.METRIC) + ")").orElse(" (not a finished trial)"));
        }
        return problems.result("top " + Math.min(3, ranked.size()) + " as the leaderboard ranks them");
    }

    private static CheckResult manual(AutoMlEvidence evidence) {
        Optional<Run> manual = evidence.run(AutoMlEvidence.MANUAL_RUN);
        if (manual.isEmpty()) {
            return evidence.runs().missingRun(AutoMlEvidence.MANUAL_RUN);
        }
        Problems problems = new Problems();
        evidence.runs().expectLabTags(manual.get(), problems);
        Map<String, Double> metrics = metrics(manual.get());
        Double manualAuc = metrics.get("manual_auc");
        Double automlAuc = metrics.get("automl_best_auc");
        List<Run> ranked = evidence.ranked();
        double best = ranked.isEmpty() ? Double.NaN : metrics(ranked.get(0)).get(AutoMlEvidence.METRIC);
        problems.require(automlAuc != null && Tolerance.close(best, automlAuc), "expected metric automl_best_auc = "
                + best + " (the leaderboard's best), found " + automlAuc);
        if (manualAuc == null) {
            problems.add("expected metric manual_auc, found none");
            return problems.result("");
        }
        String winner = tags(manual.get()).get("winner");
        String expectedWinner = automlAuc == null ? null : manualAuc > automlAuc ? "manual" : "automl";
        problems.expect("tag winner (from manual_auc " + manualAuc + " and automl_best_auc " + automlAuc + ")",
                expectedWinner, winner);
        Optional<RecordedSplit> validation = evidence.automl().flatMap(evidence::validationPart);
        if (validation.isPresent()) {
            onValidationPart(evidence, manual.get(), manualAuc, "manual_auc", validation.get(), "validation",
                    problems);
        } else {
            rescore(evidence, manual.get(), manualAuc, "manual_auc", problems);
        }
        return problems.result(String.format(Locale.ROOT, "manual %.4f against AutoML %.4f: %s", manualAuc,
                automlAuc, winner));
    }

    private static CheckResult extendedSource(AutoMlEvidence evidence) {
        Optional<Run> extended = evidence.run(AutoMlEvidence.EXTENDED_RUN);
        if (extended.isEmpty()) {
            return CheckResult.failed(evidence.runs().noRunNamed(AutoMlEvidence.EXTENDED_RUN)
                    + " (step 5 logs it, with the source step 4 returns)");
        }
        Optional<String> number = evidence.runs().context().mlflow().artifacts()
                .list(id(extended.get()), "source").stream()
                .map(file -> SOURCE_FILE.matcher(file.path())).filter(Matcher::find).map(m -> m.group(1)).findFirst();
        Optional<String> source = number.flatMap(n -> evidence.text(extended.get(), "source/Trial_" + n + ".java"));
        if (source.isEmpty()) {
            return CheckResult.failed("expected the artifact source/Trial_<n>.java on " + AutoMlEvidence.EXTENDED_RUN
                    + ", found none");
        }
        Optional<String> generated = evidence.finishedTrials().stream()
                .filter(trial -> number.get().equals(AutoMlEvidence.trialNumber(trial))).findFirst()
                .flatMap(trial -> evidence.text(trial, "trial/Trial_" + number.get() + ".java"));
        Problems problems = new Problems();
        problems.require(generated.isPresent(), "expected trial " + number.get() + " of the AutoML run with its "
                + "source trial/Trial_" + number.get() + ".java, found none");
        problems.require(!source.equals(generated), "expected a source that differs from the generated "
                + "Trial_" + number.get() + ".java, found it unchanged");
        problems.require(!source.get().contains(EXTRA_STAGES_EMPTY), "expected extraStages() to return a stage "
                + "that derives a column, found it returning none");
        problems.require(!source.get().contains(EXTRA_NUMERIC_EMPTY), "expected EXTRA_NUMERIC to list the column "
                + "your extra stage derives, found it empty: the assembler never sees the new column");
        evidence.model(extended.get()).ifPresent(model -> extensionLineage(model, problems));
        return problems.result("Trial_" + number.get() + ".java extended with a derived feature");
    }

    /**
     * Adds a problem unless the extended trial's logged model learns from a column its extra stages derive, and from
     * the data's columns other than the label only: traced stage by stage, whatever the columns are called.
     */
    private static void extensionLineage(PipelineModel model, Problems problems) {
        PipelineStages stages;
        try {
            stages = PipelineStages.of(model, AutoMlEvidence.CHURN.schema());
        } catch (IllegalArgumentException e) {
            problems.add("expected the extended trial's model to transform the churn data's columns, found it cannot ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "): derive new columns in "
                    + "extraStages(), inside the pipeline");
            return;
        }
        String label = AutoMlEvidence.CHURN.labelColumn();
        List<String> allowed = Arrays.stream(AutoMlEvidence.CHURN.schema().fieldNames())
                .filter(column -> !column.equals(label)).toList();
        FeatureSources.expectFrom(stages, label, allowed, problems.about("the extended trial's model"));
        int generated = stages.stages().stream()
                .filter(stage -> stage.is(ImputerModel.class) || stage.is(StringIndexerModel.class))
                .mapToInt(Stage::position).min().orElse(stages.stages().size());
        List<String> derived = stages.stages().subList(0, generated).stream()
                .flatMap(stage -> stage.outputs().stream()).toList();
        Set<String> read = new HashSet<>();
        stages.last().ifPresent(last -> last.inputs().forEach(input -> read.addAll(stages.upstream(input))));
        problems.require(derived.stream().anyMatch(read::contains), "expected the model to read a column your "
                + "extraStages() derive, found " + (derived.isEmpty() ? "no extra stage in the logged model"
                : derived + ", none of which reaches the model"));
    }

    private static CheckResult extendedRun(AutoMlEvidence evidence) {
        Optional<Run> extended = evidence.run(AutoMlEvidence.EXTENDED_RUN);
        if (extended.isEmpty()) {
            return evidence.runs().missingRun(AutoMlEvidence.EXTENDED_RUN);
        }
        Problems problems = new Problems();
        evidence.runs().expectLabTags(extended.get(), problems);
        problems.expect("status", RunStatus.FINISHED, extended.get().getInfo().getStatus());
        String source = tags(extended.get()).get("source_trial_run_id");
        Optional<Run> trial = Optional.ofNullable(source).flatMap(evidence::finishedTrial);
        problems.require(trial.isPresent(), "expected tag source_trial_run_id = the run id of a finished trial of "
                + "the AutoML run " + evidence.automl().map(run -> id(run)).orElse("") + ", found " + source
                + " (not a trial of that run)");
        Double auc = metrics(extended.get()).get(AutoMlEvidence.METRIC);
        Optional<RecordedSplit> validation = evidence.validationPart(extended.get());
        Optional<RecordedSplit> automlValidation = evidence.automl().flatMap(evidence::validationPart);
        if (validation.isPresent() && automlValidation.isPresent()) {
            Set<String> keys = new HashSet<>(validation.get().keys());
            Set<String> automlKeys = new HashSet<>(automlValidation.get().keys());
            problems.require(keys.equals(automlKeys), String.format(Locale.ROOT, "expected the extended source's "
                    + "split() to give AutoML's validation part (%d rows), found %d rows, %d of them not AutoML's: "
                    + "keep the generated split(), so the extended trial is scored on the trial's rows",
                    automlKeys.size(), keys.size(), keys.stream().filter(key -> !automlKeys.contains(key)).count()));
        }
        if (auc == null) {
            problems.add("expected metric " + AutoMlEvidence.METRIC + ", found none");
        } else if (validation.isPresent()) {
            onValidationPart(evidence, extended.get(), auc, AutoMlEvidence.METRIC, validation.get(), "split[1]",
                    problems);
        } else {
            rescore(evidence, extended.get(), auc, AutoMlEvidence.METRIC, problems);
        }
        return problems.result(String.format(Locale.ROOT, "extended %s: %s %.4f",
                trial.map(run -> name(run)).orElse(source), AutoMlEvidence.METRIC, auc));
    }

    private static CheckResult noAutoMlRun(AutoMlEvidence evidence) {
        return evidence.runs().missingRun(AutoMlEvidence.AUTOML_RUN);
    }

    /**
     * Adds a problem unless the run's model scores the logged AUC on the validation part the lab recorded, naming the
     * training part when the logged AUC is the model's score on it.
     *
     * @param part how the step names the validation part, such as {@code split[1]}
     */
    private static void onValidationPart(AutoMlEvidence evidence, Run run, double logged, String metric,
                                         RecordedSplit validation, String part, Problems problems) {
        Optional<PipelineModel> model = evidence.model(run);
        if (model.isEmpty()) {
            problems.add("expected a model under model/ of " + name(run) + " to score, found none");
            return;
        }
        String key = AutoMlEvidence.CHURN.keyColumn();
        String label = AutoMlEvidence.CHURN.labelColumn();
        Dataset<Row> churn = evidence.churn();
        double onValidation = SplitAuc.of(model.get(), validation.rowsOf(churn, key), churn, key, label);
        if (Tolerance.withinAbsolute(onValidation, logged, SPLIT_AUC_TOLERANCE)) {
            return;
        }
        double onTraining = SplitAuc.of(model.get(), validation.otherRowsOf(churn, key), churn, key, label);
        String scores = String.format(Locale.ROOT, "%.4f on the validation part's %d rows (%s, recorded by the lab "
                + "in %s), %.4f on the training part", onValidation, new HashSet<>(validation.keys()).size(), part,
                AutoMlEvidence.VALIDATION_KEYS, onTraining);
        problems.add(Tolerance.withinAbsolute(onTraining, logged, TRAINING_AUC_TOLERANCE)
                ? String.format(Locale.ROOT, "%s %.4f of %s is its model's AUC on the training part, the rows it "
                        + "was fitted on, not on the validation part: %s; score %s", metric, logged, name(run),
                        scores, part)
                : String.format(Locale.ROOT, "%s %.4f of %s is not what its model scores on the validation part: "
                        + "%s; log the model's own evaluation", metric, logged, name(run), scores));
    }

    /** Adds a problem unless the run's model scores the logged AUC on the held-out rows, within the tolerance. */
    private static void rescore(AutoMlEvidence evidence, Run run, double logged, String metric, Problems problems) {
        Optional<Double> heldOut = evidence.heldOutAuc(run);
        if (heldOut.isEmpty()) {
            problems.add("expected a model under model/ of " + name(run) + " to score, found none");
        } else if (!Tolerance.withinAbsolute(heldOut.get(), logged, AUC_TOLERANCE)) {
            problems.add(String.format(Locale.ROOT, "%s %.4f of %s is not what its model scores: %.4f on %d "
                    + "held-out rows drawn from the grading seed, %.2f allowed; log the model's own evaluation",
                    metric, logged, name(run), heldOut.get(), AutoMlEvidence.HELD_OUT_ROWS, AUC_TOLERANCE));
        }
    }
}
