package org.mllabs.graders.lab11;

import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * Grades lab 11, the Champion/Challenger rollout, one check per README step, from the serving service's records (the
 * endpoint's config history: which versions each served config pinned, with what share of the traffic, in what order;
 * its inference table: which version answered which request), the registry (the versions, told apart by their runs,
 * and {@code @Champion}), the runtime's records of the batch job's loads through {@code @Champion}, and, for the
 * learner's logged accuracies, the grader's own recomputation: the registered versions re-scored on the customers of
 * the shadow records, against the dataset's labels.
 */
public final class RolloutGrader implements Grader {

    static final LabSteps STEPS = LabSteps.of("lab11");
    static final String MODEL = "churn_classifier";
    static final String ENDPOINT = "churn";
    static final String KEY = LabDataset.CUSTOMER_CHURN.keyColumn();
    static final String LABEL = LabDataset.CUSTOMER_CHURN.labelColumn();
    static final String COMPARISON_RUN = "shadow-comparison";
    static final String REGRESSION_RUN = "regression-check";
    /** The requests the lab sends while the challenger shadows, and after each split. */
    static final int SHADOW_REQUESTS = 30;
    static final int SPLIT_REQUESTS = 60;
    /** The challenger's shares of the two splits, in percent. */
    static final List<Integer> CHALLENGER_SHARES = List.of(10, 50);
    /** How many standard deviations a split's observed share may be from its config's. */
    static final double SHARE_Z = 4.0;
    /** The rows the grader draws to compare the versions on data the lab never sent. */
    static final int HELD_OUT_ROWS = 2_000;
    /** How far a logged accuracy may be from the grader's. */
    static final double ACCURACY_TOLERANCE = 1e-6;

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        Function<GradingContext, RolloutEvidence> evidence = c -> STEPS.evidence(c, RolloutEvidence.class,
                RolloutEvidence::of);
        return List.of(
                STEPS.check(1, 15, "the endpoint first served @Champion's version, pinned, with an inference table",
                        "set @Champion on version 1 and @Challenger on version 2, create the endpoint with "
                                + "table.config().servedEntity(name, model, <the version @Champion resolves to>) "
                                + "and wait until it is ready.",
                        () -> firstConfig(evidence.apply(context))),
                STEPS.check(2, 15, "the challenger shadowed the champion",
                        "update the config: both versions, the champion routed 100 %, the challenger "
                                + ".shadow(name).",
                        () -> shadow(evidence.apply(context))).dependsOn(STEPS.id(1)),
                STEPS.check(3, 20, "the shadow comparison, recomputed",
                        "pair the answers by databricks_request_id and customer_id, join the labels, and log "
                                + "champion_accuracy, challenger_accuracy and shadow_pairs in a run "
                                + COMPARISON_RUN + ".",
                        () -> comparison(evidence.apply(context))).dependsOn(STEPS.id(2)),
                STEPS.check(4, 15, "the traffic split 90/10, then 50/50",
                        "route 100 - challengerPercent to the champion and challengerPercent to the "
                                + "challenger.",
                        () -> splits(evidence.apply(context))).dependsOn(STEPS.id(2)),
                STEPS.check(5, 20, "promotion: @Champion moved and the endpoint re-pinned",
                        "move @Champion to @Challenger's version AND update the endpoint to serve that version "
                                + "alone: moving the alias changes nothing the endpoint serves.",
                        () -> promotions(evidence.apply(context))).dependsOn(STEPS.id(4)),
                STEPS.check(6, 15, "the regressed retrain rolled back, alias and endpoint",
                        "measure each version's live accuracy from the inference table, log them in a run "
                                + REGRESSION_RUN + ", and move @Champion back to the previous version and re-pin "
                                + "the endpoint to it.",
                        () -> rollback(evidence.apply(context))).dependsOn(STEPS.id(5)));
    }

    private static CheckResult firstConfig(RolloutEvidence evidence) {
        if (evidence.endpoint().endpoint().isEmpty()) {
            return CheckResult.failed("found no serving endpoint " + evidence.endpoint().name());
        }
        Optional<String> v1 = evidence.version("numeric");
        if (v1.isEmpty()) {
            return CheckResult.failed("found no version of " + evidence.model() + " from the run of the numeric "
                    + "model");
        }
        List<ServedConfig> served = evidence.served();
        if (served.isEmpty()) {
            return CheckResult.failed("the endpoint " + evidence.endpoint().name() + " never served a config");
        }
        ServedConfig first = served.get(0);
        Problems problems = new Problems();
        problems.require(first.pinsAlone(v1.get()), "expected the endpoint's first served config to pin version "
                + v1.get() + " (@Champion's) alone, found " + first.describe());
        problems.require(first.models().equals(Set.of(evidence.model())), "expected its entities to serve "
                + evidence.model() + ", found " + first.models());
        problems.require(first.inferenceTable(), "expected the config to record requests in an inference table "
                + "(auto_capture_config), found none");
        return problems.result(first.describe() + ", inference table " + evidence.endpoint().tableName().orElse(""));
    }

    /** The config served right after the first, if it is there. */
    private static Optional<ServedConfig> second(RolloutEvidence evidence) {
        List<ServedConfig> served = evidence.served();
        return served.size() < 2 ? Optional.empty() : Optional.of(served.get(1));
    }

    private static CheckResult shadow(RolloutEvidence evidence) {
        String v1 = evidence.version("numeric").orElseThrow();
        Optional<String> v2 = evidence.version("all");
        if (v2.isEmpty()) {
            return CheckResult.failed("found no version of " + evidence.model() + " from the run of the 'all' model");
        }
        Optional<ServedConfig> second = second(evidence);
        if (second.isEmpty() || !second.get().shares().equals(Map.of(v1, 100))
                || !second.get().shadows().equals(Set.of(v2.get()))) {
            return CheckResult.failed("expected the second served config to keep version " + v1 + " at 100 % and "
                    + "add version " + v2.get() + " as a shadow, found "
                    + second.map(ServedConfig::describe).orElse("no second config"));
        }
        int pairs = shadowPairs(evidence, v1, v2.get()).size();
        return CheckResult.when(pairs >= SHADOW_REQUESTS / 2, second.get().describe() + "; " + pairs
                + " customers answered by both in the inference table", "expected the inference table to hold "
                + "the shadow's answers beside the champion's for at least " + SHADOW_REQUESTS / 2 + " customers, "
                + "found " + pairs);
    }

    /** Customer answers of the shadow paired with the champion's, by request and customer: champion, shadow. */
    private static List<Answer[]> shadowPairs(RolloutEvidence evidence, String champion, String challenger) {
        Map<String, Answer> champions = new HashMap<>();
        List<Answer> answers = evidence.answers();
        for (Answer answer : answers) {
            if (!answer.shadow() && answer.version().equals(champion)) {
                champions.put(answer.requestId() + "/" + answer.customerId(), answer);
            }
        }
        List<Answer[]> pairs = new ArrayList<>();
        for (Answer answer : answers) {
            Answer paired = champions.get(answer.requestId() + "/" + answer.customerId());
            if (answer.shadow() && answer.version().equals(challenger) && paired != null) {
                pairs.add(new Answer[] {paired, answer});
            }
        }
        return pairs;
    }

    private static CheckResult comparison(RolloutEvidence evidence) {
        String v1 = evidence.version("numeric").orElseThrow();
        String v2 = evidence.version("all").orElseThrow();
        Optional<Run> run = evidence.run(COMPARISON_RUN);
        if (run.isEmpty()) {
            return evidence.runs().missingRun(COMPARISON_RUN);
        }
        List<Answer[]> pairs = shadowPairs(evidence, v1, v2);
        Set<String> customers = pairs.stream().map(pair -> pair[0].customerId()).collect(Collectors.toSet());
        Map<String, Double> championScores = evidence.rescore(v1, customers);
        Map<String, Double> challengerScores = evidence.rescore(v2, customers);
        Map<String, Long> labels = evidence.labels();
        int championRight = 0;
        int challengerRight = 0;
        int servedAsScored = 0;
        for (Answer[] pair : pairs) {
            String customer = pair[0].customerId();
            double label = labels.getOrDefault(customer, -1L);
            championRight += championScores.getOrDefault(customer, -1.0) == label ? 1 : 0;
            challengerRight += challengerScores.getOrDefault(customer, -1.0) == label ? 1 : 0;
            servedAsScored += pair[0].prediction() == championScores.getOrDefault(customer, -1.0)
                    && pair[1].prediction() == challengerScores.getOrDefault(customer, -1.0) ? 1 : 0;
        }
        double championAccuracy = pairs.isEmpty() ? 0 : (double) championRight / pairs.size();
        double challengerAccuracy = pairs.isEmpty() ? 0 : (double) challengerRight / pairs.size();
        Map<String, Double> logged = metrics(run.get());
        Problems problems = new Problems();
        expectMetric(problems, "champion_accuracy", championAccuracy, logged);
        expectMetric(problems, "challenger_accuracy", challengerAccuracy, logged);
        expectMetric(problems, "shadow_pairs", pairs.size(), logged);
        if (!problems.isEmpty()) {
            return problems.result("");
        }
        return CheckResult.passed(String.format(Locale.ROOT, "%d shadow pairs: champion (version %s) accuracy %.4f, "
                + "challenger (version %s) %.4f, as the grader re-scored both versions (%d of the pairs answered as "
                + "the versions score); on %d held-out rows of the grader's own: %.4f and %.4f", pairs.size(), v1,
                championAccuracy, v2, challengerAccuracy, servedAsScored, HELD_OUT_ROWS,
                evidence.heldOutAccuracy(v1), evidence.heldOutAccuracy(v2)));
    }

    private static void expectMetric(Problems problems, String key, double expected, Map<String, Double> logged) {
        Double found = logged.get(key);
        if (found == null || Math.abs(found - expected) > ACCURACY_TOLERANCE) {
            problems.add(String.format(Locale.ROOT, "expected metric %s = %.6f (recomputed from the inference table "
                    + "and the re-scored versions), found %s", key, expected, found == null ? "none" : found));
        }
    }

    private static CheckResult splits(RolloutEvidence evidence) {
        String v1 = evidence.version("numeric").orElseThrow();
        String v2 = evidence.version("all").orElseThrow();
        List<ServedConfig> served = evidence.served();
        Problems problems = new Problems();
        List<String> observed = new ArrayList<>();
        for (int i = 0; i < CHALLENGER_SHARES.size(); i++) {
            int share = CHALLENGER_SHARES.get(i);
            int index = 2 + i;
            if (served.size() <= index) {
                problems.add("expected a served config routing " + (100 - share) + " % to version " + v1 + " and "
                        + share + " % to version " + v2 + " after the shadow, found none");
                break;
            }
            ServedConfig config = served.get(index);
            if (!config.shares().equals(Map.of(v1, 100 - share, v2, share)) || !config.shadows().isEmpty()) {
                problems.add("expected served config " + (index + 1) + " to route " + (100 - share) + " % to version "
                        + v1 + " and " + share + " % to version " + v2 + ", found " + config.describe());
                continue;
            }
            Map<String, String> requests = new HashMap<>();
            evidence.answersDuring(config).stream().filter(a -> !a.shadow())
                    .forEach(a -> requests.put(a.requestId(), a.version()));
            long n = requests.size();
            long challenger = requests.values().stream().filter(v2::equals).count();
            double p = share / 100.0;
            double z = n == 0 ? Double.POSITIVE_INFINITY : (challenger - n * p) / Math.sqrt(n * p * (1 - p));
            problems.require(n >= SPLIT_REQUESTS / 2 && Math.abs(z) <= SHARE_Z, String.format(Locale.ROOT,
                    "expected about %d %% of the %d requests under %s answered by version %s, found %d (z = %.1f)",
                    share, n, config.describe(), v2, challenger, z));
            observed.add(String.format(Locale.ROOT, "%s: %d of %d requests to version %s", config.describe(),
                    challenger, n, v2));
        }
        return problems.result(String.join("; ", observed));
    }

    private static CheckResult promotions(RolloutEvidence evidence) {
        String v2 = evidence.version("all").orElseThrow();
        Optional<String> v3 = evidence.version("retrain");
        List<ServedConfig> after = evidence.served().stream().skip(4).toList();
        List<ModelLoad> loads = evidence.championLoads();
        Problems problems = new Problems();
        // the promotion's config must serve before the batch job that follows it, so a rollback's cannot stand in
        boolean repinned = !after.isEmpty() && after.get(0).pinsAlone(v2) && !loads.isEmpty()
                && after.get(0).servedAt() <= loads.get(0).time().toEpochMilli();
        problems.require(repinned, "expected the endpoint re-pinned to version " + v2 + " alone after the 50/50 "
                + "split, before the batch job ran, found "
                + (after.isEmpty() ? "no config served after it" : after.get(0).describe()));
        problems.require(!loads.isEmpty() && v2.equals(loads.get(0).version()), "expected the batch job's "
                + "models:/...@Champion after the promotion to resolve to version " + v2 + ", found "
                + (loads.isEmpty() ? "no load" : "version " + loads.get(0).version()));
        if (v3.isPresent()) {
            problems.require(after.size() > 1 && after.get(1).pinsAlone(v3.get()), "expected the endpoint re-pinned "
                    + "to version " + v3.get() + " alone when the retrain was promoted, found "
                    + (after.size() > 1 ? after.get(1).describe() : "no config served after " + v2 + "'s"));
            problems.require(loads.size() > 1 && v3.get().equals(loads.get(1).version()), "expected the batch job's "
                    + "models:/...@Champion after the retrain's promotion to resolve to version " + v3.get()
                    + ", found " + (loads.size() > 1 ? "version " + loads.get(1).version() : "no load"));
        } else {
            problems.add("found no version from the run of the retrain");
        }
        return problems.result(after.stream().limit(2).map(ServedConfig::describe).collect(Collectors.joining("; "))
                + "; @Champion resolved to " + loads.stream().limit(2).map(ModelLoad::version).toList());
    }

    private static CheckResult rollback(RolloutEvidence evidence) {
        String v2 = evidence.version("all").orElseThrow();
        String v3 = evidence.version("retrain").orElseThrow();
        List<ServedConfig> served = evidence.served();
        List<ModelLoad> loads = evidence.championLoads();
        Problems problems = new Problems();
        ServedConfig last = served.get(served.size() - 1);
        problems.require(served.size() > 6 && last.pinsAlone(v2), "expected the endpoint rolled back to version "
                + v2 + " alone after the retrain, found " + last.describe());
        problems.expect("alias @Champion", v2, evidence.championAlias().orElse(null));
        problems.require(loads.size() > 2 && v2.equals(loads.get(loads.size() - 1).version()), "expected the batch "
                + "job's models:/...@Champion after the rollback to resolve to version " + v2 + ", found "
                + (loads.size() > 2 ? "version " + loads.get(loads.size() - 1).version() : "no load"));
        Optional<Run> run = evidence.run(REGRESSION_RUN);
        if (run.isEmpty()) {
            problems.add(evidence.runs().noRunNamed(REGRESSION_RUN));
            return problems.result("");
        }
        Map<String, Long> labels = evidence.labels();
        double candidate = liveAccuracy(evidence, v3, labels);
        double previous = liveAccuracy(evidence, v2, labels);
        Map<String, Double> logged = metrics(run.get());
        expectMetric(problems, "candidate_accuracy", candidate, logged);
        expectMetric(problems, "previous_accuracy", previous, logged);
        problems.expect("param candidate_version", v3, params(run.get()).get("candidate_version"));
        problems.expect("param previous_version", v2, params(run.get()).get("previous_version"));
        return problems.result(String.format(Locale.ROOT, "%s; @Champion on version %s; live accuracy of version "
                + "%s %.4f, of version %s %.4f", last.describe(), v2, v3, candidate, v2, previous));
    }

    /** The accuracy of a version's answers to the customers (not as a shadow), against the dataset's labels. */
    private static double liveAccuracy(RolloutEvidence evidence, String version, Map<String, Long> labels) {
        List<Answer> live = evidence.answers().stream().filter(a -> !a.shadow() && a.version().equals(version))
                .toList();
        long right = live.stream().filter(a -> a.prediction() == labels.getOrDefault(a.customerId(), -1L)).count();
        return live.isEmpty() ? 0 : (double) right / live.size();
    }
}
