package org.mllabs.graders.lab09;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.name;
import static org.mllabs.runtime.mlflow.RunData.params;
import static org.mllabs.runtime.mlflow.RunData.tags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.LabTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;

/** Grades lab 09, hyperparameter search with TPE, one check per README step. */
public final class SearchGrader implements Grader {

    /** The steps of lab 09 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab09");

    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");
    /** The budget of each search, as the README sets it. */
    static final int MAX_EVALS = 10;
    static final double REG_PARAM_LOW = 1e-4;
    static final double REG_PARAM_HIGH = 1;
    static final Set<String> MAX_ITERS = Set.of("10", "20", "30");

    /**
     * How far a best trial's loss may be from one minus its model's AUC on the held-out rows. The trial's loss comes
     * from about 800 validation rows, the grader's from 2,000 other rows; each AUC has a standard error of about 0.015
     * on this data, so their difference one of about 0.02, and the best of ten trials is picked on its validation AUC,
     * which makes it a little optimistic. 0.05 is over two standard errors of the difference plus that bias, and half
     * of what a made-up loss 0.1 off is away.
     */
    static final double LOSS_TOLERANCE = 0.05;
    /** Losses closer than this are the same number: no two models with different params score that alike. */
    static final double SAME_LOSS = 1e-9;
    /** The tag of {@code search-comparison} with the trial step 4 found best. */
    static final String BEST_RUN_ID = "best_run_id";

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        SearchEvidence evidence = SearchEvidence.of(context);
        return List.of(
                STEPS.check(1, 15, "every trial's values are in the search space",
                        "logUniform reg_param from 1e-4 to 1, uniform elastic_net from 0 to 1, "
                                + "quniform max_iter from 10 to 30 in steps of 10.",
                        () -> space(evidence)),
                STEPS.check(2, 15, "every trial finished with a loss",
                        "the objective returns TrialResult.ok(1 - validation AUC, ...) for every trial.",
                        () -> losses(evidence)),
                STEPS.check(2, "rescored", 15, "each search's losses are what its trials' params score",
                        "fit each trial's model with the trial's params and return 1 - the AUC it "
                                + "scores on the validation part; the grader rescores the best trial's model/ and "
                                + "refits the worst trial on the recorded split, and compares.",
                        () -> rescored(evidence)).dependsOn(STEPS.id(2)),
                STEPS.check(3, 20, "a random and a TPE search within the same budget",
                        "one parent run per algorithm (search-random, search-tpe) with the params "
                                + "algorithm, max_evals = " + MAX_EVALS + ", parallelism and seed, exactly max_evals "
                                + "trials as child runs (MlflowTrialLogger), and the parent FINISHED.",
                        () -> searches(evidence)),
                STEPS.check(4, 15, "the comparison records each search's best",
                        "search each parent's FINISHED child runs ordered by metrics.loss ASC, log "
                                + "random_best_loss and tpe_best_loss on the run search-comparison and tag it "
                                + "best_run_id with the trial of the lowest loss.",
                        () -> comparison(evidence)).dependsOn(STEPS.id(3)),
                STEPS.check(5, 20, "the best trial's model is registered as @Champion",
                        "register model/ of the best trial's run as " + SearchEvidence.MODEL
                                + " under your LearnerModelNames name, with context.runTags() as the registered "
                                + "model's tags, and point the alias " + SearchEvidence.ALIAS + " at that version.",
                        () -> registered(evidence)).dependsOn(STEPS.id(3)));
    }

    private static CheckResult space(SearchEvidence evidence) {
        List<Run> trials = evidence.allTrials();
        if (trials.isEmpty()) {
            return CheckResult.failed("found no trial runs under search-random or search-tpe in "
                    + evidence.runs().experimentName());
        }
        Problems problems = new Problems();
        for (Run trial : trials) {
            Problems about = problems.about("trial " + name(trial));
            Map<String, String> params = params(trial);
            expectBetween(about, "reg_param", params.get("reg_param"), REG_PARAM_LOW, REG_PARAM_HIGH);
            expectBetween(about, "elastic_net", params.get("elastic_net"), 0, 1);
            String maxIter = Optional.ofNullable(params.get("max_iter")).map(SearchGrader::integral).orElse(null);
            about.require(maxIter != null && MAX_ITERS.contains(maxIter),
                    "expected param max_iter in " + MAX_ITERS + ", found " + params.get("max_iter"));
        }
        return problems.result(trials.size() + " trials within the space");
    }

    private static void expectBetween(Problems problems, String param, String value, double low, double high) {
        Double number = parse(value);
        problems.require(number != null && number >= low && number <= high,
                "expected param " + param + " in [" + low + ", " + high + "], found " + value);
    }

    private static CheckResult losses(SearchEvidence evidence) {
        List<Run> trials = evidence.allTrials();
        if (trials.isEmpty()) {
            return CheckResult.failed("found no trial runs under search-random or search-tpe in "
                    + evidence.runs().experimentName());
        }
        Problems problems = new Problems();
        for (Run trial : trials) {
            Problems about = problems.about("trial " + name(trial));
            Double loss = metrics(trial).get(SearchEvidence.LOSS);
            about.expect("status", RunStatus.FINISHED, trial.getInfo().getStatus());
            about.require(loss != null && loss >= 0 && loss <= 1, "expected metric loss in [0, 1], found " + loss
                    + Optional.ofNullable(tags(trial).get("mllabs.search.failure")).map(f -> " (failure: " + f + ")")
                    .orElse(""));
        }
        return problems.result(trials.size() + " trials with a loss");
    }

    private static CheckResult rescored(SearchEvidence evidence) {
        Problems problems = new Problems();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> search : SearchEvidence.PARENT_RUN_NAMES.entrySet()) {
            String algorithm = search.getKey();
            Problems about = problems.about(search.getValue());
            List<Run> trials = evidence.trials(algorithm);
            Optional<Run> best = evidence.bestTrial(algorithm);
            if (best.isEmpty()) {
                about.add("no trial with a loss");
                continue;
            }
            int before = problems.lines().size();
            sameLossWhateverParams(trials, about);
            Problems aboutBest = about.about("best trial " + name(best.get()));
            Optional<PipelineModel> model = evidence.model(best.get());
            model.ifPresentOrElse(fitted -> fittedWithTrialParams(fitted, best.get(), aboutBest), () -> aboutBest.add(
                    "no model under model/ to score (SearchLab logs the best trial's model after step 3)"));
            Optional<RecordedSplit> split = evidence.validationSplit(algorithm);
            if (split.isEmpty()) {
                about.add("no " + SearchEvidence.VALIDATION_KEYS_FILE + " to recompute the losses on (SearchLab "
                        + "records the validation rows' keys on the search's run after step 3)");
                continue;
            }
            Problems aboutSplit = new Problems();
            split.get().check(evidence.churnKeys(), SearchEvidence.VALIDATION_SHARE,
                    SearchEvidence.VALIDATION_SHARE_TOLERANCE, aboutSplit.about(SearchEvidence.VALIDATION_KEYS_FILE));
            if (!aboutSplit.isEmpty()) {
                aboutSplit.lines().forEach(about::add);
                continue;
            }
            SearchEvidence.RecordedParts parts = evidence.parts(split.get());
            long rows = split.get().keys().size();
            model.ifPresent(fitted -> recomputed(fitted, best.get(), parts).problem("its model", rows)
                    .ifPresentOrElse(aboutBest::add, () -> heldOut(evidence, best.get(), aboutBest)));
            SearchEvidence.worst(trials).filter(worst -> !id(worst).equals(id(best.get())))
                    .ifPresent(worst -> TrialParams.of(worst).ifPresent(params -> recomputed(
                            SearchEvidence.REFIT.fit(parts.train(), params.regParam(), params.elasticNet(),
                                    params.maxIter()), worst, parts)
                            .problem("a model refitted with its params", rows)
                            .ifPresent(about.about("worst trial " + name(worst))::add)));
            if (problems.lines().size() == before) {
                found.add(search.getValue() + " " + name(best.get()) + " and the worst trial");
            }
        }
        return problems.result("losses recomputed on the recorded validation rows: " + String.join(", ", found));
    }

    /** The trial's logged loss beside one minus the AUC the model scores on the recorded validation part. */
    private static RecomputedLoss recomputed(PipelineModel model, Run trial, SearchEvidence.RecordedParts parts) {
        return new RecomputedLoss(metrics(trial).get(SearchEvidence.LOSS),
                SearchEvidence.REFIT.auc(model, parts.validation()),
                () -> SearchEvidence.REFIT.auc(model, parts.train()));
    }

    /** Adds a problem when the model was not fitted with the trial's own params. */
    private static void fittedWithTrialParams(PipelineModel model, Run trial, Problems about) {
        Optional<TrialParams> params = TrialParams.of(trial);
        Transformer[] stages = model.stages();
        Transformer last = stages.length == 0 ? null : stages[stages.length - 1];
        if (!(last instanceof LogisticRegressionModel regression)) {
            about.add("expected a LogisticRegressionModel as the model's last stage, found "
                    + (last == null ? "no stages" : last.getClass().getSimpleName()));
            return;
        }
        TrialParams fitted = new TrialParams(regression.getRegParam(), regression.getElasticNetParam(),
                regression.getMaxIter());
        params.filter(expected -> !expected.sameAs(fitted)).ifPresent(expected -> about.add("its model was fitted "
                + "with " + fitted.asSpark() + ", not with the trial's " + expected + ": the objective must fit "
                + "each trial's model with the trial's params (params.getDouble, params.getInt)"));
    }

    /** Adds a problem when every trial logged the same loss although their params differ. */
    private static void sameLossWhateverParams(List<Run> trials, Problems about) {
        List<Run> withLoss = trials.stream().filter(trial -> metrics(trial).containsKey(SearchEvidence.LOSS))
                .toList();
        double[] losses = withLoss.stream().mapToDouble(trial -> metrics(trial).get(SearchEvidence.LOSS)).toArray();
        long distinctParams = withLoss.stream().map(trial -> params(trial)).distinct().count();
        if (distinctParams > 1 && Arrays.stream(losses).max().orElse(0) - Arrays.stream(losses).min().orElse(0)
                <= SAME_LOSS) {
            about.add(String.format(Locale.ROOT, "all %d trials logged the same loss %.4f whatever their params: the "
                    + "loss must come from a model fitted with the trial's params", losses.length, losses[0]));
        }
    }

    /** Adds a problem when the trial's loss is far from one minus the AUC its model scores on held-out rows. */
    private static void heldOut(SearchEvidence evidence, Run trial, Problems about) {
        double reported = metrics(trial).get(SearchEvidence.LOSS);
        evidence.heldOutLoss(trial).filter(loss -> !Tolerance.withinAbsolute(loss, reported, LOSS_TOLERANCE))
                .ifPresent(loss -> about.add(String.format(Locale.ROOT, "loss %.4f is not what its model scores: "
                        + "1 - AUC = %.4f on %d held-out rows drawn from the grading seed; the loss must come from "
                        + "the model's evaluation", reported, loss, SearchEvidence.HELD_OUT_ROWS)));
    }

    private static CheckResult searches(SearchEvidence evidence) {
        Problems problems = new Problems();
        List<String> seeds = new ArrayList<>();
        for (Map.Entry<String, String> search : SearchEvidence.PARENT_RUN_NAMES.entrySet()) {
            Optional<Run> parent = evidence.parent(search.getKey());
            if (parent.isEmpty()) {
                problems.add(evidence.runs().noRunNamed(search.getValue()));
                continue;
            }
            Problems about = problems.about(search.getValue());
            Map<String, String> params = params(parent.get());
            about.expect("param algorithm", search.getKey(), params.get("algorithm"));
            about.expect("param max_evals", String.valueOf(MAX_EVALS), params.get("max_evals"));
            about.require(params.containsKey("parallelism"), "expected param parallelism, found none");
            about.require(params.containsKey("seed"), "expected param seed, found none");
            seeds.add(params.get("seed"));
            int trials = evidence.trials(search.getKey()).size();
            about.require(trials == MAX_EVALS, "expected " + MAX_EVALS + " trials (child runs), as max_evals "
                    + "says, found " + trials);
            about.expect("status", RunStatus.FINISHED, parent.get().getInfo().getStatus());
            evidence.runs().expectLabTags(parent.get(), about);
        }
        problems.require(seeds.size() < 2 || seeds.get(0) == null || seeds.get(0).equals(seeds.get(1)),
                "expected both searches with the same seed, found " + seeds);
        return problems.result("two searches of " + MAX_EVALS + " trials each");
    }

    private static CheckResult comparison(SearchEvidence evidence) {
        Optional<Run> summary = evidence.comparison();
        if (summary.isEmpty()) {
            return evidence.runs().missingRun(SearchEvidence.COMPARISON_RUN_NAME);
        }
        Problems problems = new Problems();
        Map<String, Double> recorded = metrics(summary.get());
        for (String algorithm : SearchEvidence.PARENT_RUN_NAMES.keySet()) {
            String metric = algorithm.toLowerCase(Locale.ROOT) + "_best_loss";
            List<Run> trials = evidence.trials(algorithm);
            Optional<Run> best = SearchEvidence.best(trials);
            double expected = best.map(run -> metrics(run).get(SearchEvidence.LOSS)).orElse(Double.NaN);
            Double found = recorded.get(metric);
            boolean highest = found != null && SearchEvidence.worst(trials)
                    .filter(worst -> Tolerance.close(metrics(worst).get(SearchEvidence.LOSS), found)).isPresent();
            problems.require(found != null && Tolerance.close(expected, found), "expected metric " + metric + " = "
                    + expected + " (the lowest loss of its trials, " + best.map(r -> name(r)).orElse("none")
                    + "), found " + found + (highest ? ", the highest loss of its trials: the search minimizes the "
                    + "loss, so its best trial comes first in the order metrics.loss ASC" : ""));
        }
        Optional<Run> overall = SearchEvidence.best(evidence.allTrials());
        String bestRunId = tags(summary.get()).get(BEST_RUN_ID);
        double lowest = overall.map(run -> metrics(run).get(SearchEvidence.LOSS)).orElse(Double.NaN);
        problems.require(hasLowestLoss(evidence, bestRunId, lowest), "expected tag best_run_id = a trial with the "
                + "lowest loss " + lowest + " (such as " + overall.map(r -> id(r)).orElse("none") + "), found "
                + bestRunId + describe(evidence, bestRunId));
        evidence.runs().expectLabTags(summary.get(), problems);
        return problems.result("best losses of both searches and best run " + bestRunId);
    }

    /**
     * The champion must be the trial step 4 chose, the one {@code search-comparison} tags {@value #BEST_RUN_ID}, as the
     * README asks: a trial with the lowest loss of both searches (they share their first trials, so the same loss can
     * be the best of each; step 4 names one of them). When step 4 chose a trial that is not the best, lab09.step4 says
     * so, and registering that choice is still what step 5 asks; when step 4 recorded no trial, any trial with the
     * lowest loss will do.
     */
    private static CheckResult registered(SearchEvidence evidence) {
        Optional<RegisteredModel> model = evidence.registeredModel();
        if (model.isEmpty()) {
            return CheckResult.failed("found no registered model named " + evidence.modelName());
        }
        Problems problems = new Problems();
        Map<String, String> tags = model.get().tags();
        problems.expect("registered model tag " + LabTag.NAME, STEPS.labId(), tags.get(LabTag.NAME));
        problems.expect("registered model tag " + LearnerId.TAG, evidence.runs().learner(), tags.get(LearnerId.TAG));
        if (!model.get().aliases().containsKey(SearchEvidence.ALIAS)) {
            problems.add("expected alias " + SearchEvidence.ALIAS + " on " + model.get().name() + ", found aliases "
                    + model.get().aliases());
            return problems.result("");
        }
        ModelVersion champion = evidence.champion(model.get());
        Optional<Run> overall = SearchEvidence.best(evidence.allTrials());
        double lowest = overall.map(run -> metrics(run).get(SearchEvidence.LOSS)).orElse(Double.NaN);
        String chosen = evidence.comparison().map(run -> tags(run).get(BEST_RUN_ID)).orElse(null);
        boolean chosenIsTrial = evidence.allTrials().stream().anyMatch(trial -> id(trial).equals(chosen));
        boolean chosenIsBest = hasLowestLoss(evidence, chosen, lowest);
        boolean registeredTheChoice = chosenIsTrial && champion.runId().equals(chosen);
        if (!registeredTheChoice && !(hasLowestLoss(evidence, champion.runId(), lowest) && !chosenIsBest)) {
            String expected = chosenIsBest
                    ? "the trial " + SearchEvidence.COMPARISON_RUN_NAME + " tags " + BEST_RUN_ID + ", " + chosen
                            + describe(evidence, chosen)
                    : "a trial with the lowest loss " + lowest + " (such as " + overall.map(r -> id(r)
                            + describe(evidence, id(r))).orElse("none") + ")";
            problems.add("expected @" + SearchEvidence.ALIAS + " (version " + champion.version() + ") to come from "
                    + expected + ", found run " + champion.runId() + describe(evidence, champion.runId()));
        }
        championFiles(evidence, champion, registeredTheChoice && !chosenIsBest, problems);
        return problems.result(model.get().name() + " version " + champion.version() + " @" + SearchEvidence.ALIAS
                + " from run " + champion.runId() + (registeredTheChoice && !chosenIsBest
                ? ", the trial step 4 chose (lab09.step4 says why that is not the best)" : ""));
    }

    /**
     * The champion's files must be the model its run logged: the version's source (a {@code runs:/} source resolved)
     * is {@code model/} of the version's run, as the registry records both, and the model there loads through
     * {@code models:/NAME/VERSION}. A version whose run is the best trial but whose source is another run's files
     * would serve another model under the best trial's name. The given code logs a model for each search's best trial
     * only, so when step 4 chose a trial that is not the best ({@code excused}), its {@code model/} may hold none: that
     * is lab09.step4's finding, not this step's. A version whose run is not one of the lab's runs is named above.
     */
    private static void championFiles(SearchEvidence evidence, ModelVersion champion, boolean excused,
                                      Problems problems) {
        Optional<Run> run = evidence.run(champion.runId());
        if (run.isEmpty()) {
            return;
        }
        String expected = SearchEvidence.modelDirectory(run.get());
        String source = evidence.resolvedSource(champion);
        String version = "@" + SearchEvidence.ALIAS + " (version " + champion.version() + ")";
        if (!source.equals(expected)) {
            String owner = evidence.ownerOf(source).map(holder -> ", files of run " + id(holder)
                    + describe(evidence, id(holder))).orElse("");
            problems.add("expected " + version + " to hold the files its run " + champion.runId() + " logged under "
                    + SearchEvidence.MODEL_PATH + "/ (" + expected + "), found source " + champion.source() + owner
                    + (evidence.holdsModel(source) ? "" : ", which holds no model")
                    + ": register model/ of the trial's own run (context.models().register(name, runId, \"model\"))");
            return;
        }
        if (evidence.versionModel(champion).isEmpty() && !excused) {
            problems.add("expected a Spark model that loads at the source of " + version + ", " + source + ", found "
                    + "none: SearchLab logs model/ under each search's best trial, so register that trial's run");
        }
    }

    /** Whether the run is one of the trials and its loss is the lowest. */
    private static boolean hasLowestLoss(SearchEvidence evidence, String runId, double lowest) {
        return evidence.allTrials().stream().anyMatch(trial -> id(trial).equals(runId)
                && metrics(trial).containsKey(SearchEvidence.LOSS)
                && Tolerance.close(lowest, metrics(trial).get(SearchEvidence.LOSS)));
    }

    /** Which search and trial the run is, its loss and whether it is its search's best. */
    private static String describe(SearchEvidence evidence, String runId) {
        for (Map.Entry<String, String> search : SearchEvidence.PARENT_RUN_NAMES.entrySet()) {
            List<Run> trials = evidence.trials(search.getKey());
            Optional<Run> trial = trials.stream().filter(run -> id(run).equals(runId)).findFirst();
            if (trial.isPresent()) {
                Double loss = metrics(trial.get()).get(SearchEvidence.LOSS);
                boolean bestOfSearch = loss != null && SearchEvidence.best(trials)
                        .filter(best -> Tolerance.close(metrics(best).get(SearchEvidence.LOSS), loss)).isPresent();
                return " (" + search.getValue() + " " + name(trial.get()) + ", loss " + loss
                        + (bestOfSearch ? ", the best of " + search.getValue() : "") + ")";
            }
        }
        return " (not a trial of either search)";
    }

    private static Double parse(String value) {
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String integral(String value) {
        Double number = parse(value);
        return number == null || number != Math.rint(number) ? value : String.valueOf(number.longValue());
    }
}
