package org.mllabs.graders.lab06;

import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.RecordedLoads;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.LabTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.audit.AuditedCatalogRegistry;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.audit.RefusedOperation;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;
import org.mllabs.runtime.mlflow.RegistryNames;

/**
 * Grades lab 06, the model registry and aliases, one check per README step, from the registry's own records (model,
 * versions with their runs and sources, tags, aliases), the learner's runs, the held-out AUC of each version's model,
 * for step 6 the model load the runtime recorded, held against the registry, and, for step 7, the refusal the runtime
 * recorded, held against catalog mode's own rule.
 */
public final class RegistryGrader implements Grader {

    /** The steps of lab 06 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab06");

    /** The feature sets of the candidates, one version each. */
    static final Set<String> FEATURE_SETS = Set.of("numeric", "all", "billing");
    /** The rows the batch inference scores. */
    static final int BATCH_ROWS = 500;
    static final String BATCH_RUN_NAME = "batch-inference";
    /** The version tag with the AUC step 5 measured for the version on the evaluation rows. */
    static final String AUC_TAG = "eval_auc";
    /** How far a recorded AUC may be from the grader's: rounding to three decimals, the order Spark adds rows in. */
    static final double AUC_TOLERANCE = 1e-3;

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        RegistryEvidence evidence = RegistryEvidence.of(context);
        return List.of(
                STEPS.check(1, 15, "registered model with a three-part name and the lab's tags",
                        "create the registered model with context.catalog()"
                                + ".createRegisteredModel(name, context.runTags(), description).",
                        () -> registeredModel(evidence)),
                STEPS.check(2, 15, "a version from each candidate's run",
                        "register each candidate with context.catalog().registerVersion(name, runId, "
                                + "\"model\"), so each version's source is its run's model/ directory.",
                        () -> onModel(evidence, RegistryGrader::versions)),
                STEPS.check(3, 10, "version tags",
                        "on every version set the tags validation_status = passed and feature_set = "
                                + "the candidate's feature set (setModelVersionTag).",
                        () -> onModel(evidence, RegistryGrader::versionTags)),
                STEPS.check(4, 15, "@Challenger on the newest version",
                        "setAlias(name, \"Champion\", <first version>) and setAlias(name, "
                                + "\"Challenger\", <newest version>).",
                        () -> onModel(evidence, RegistryGrader::challenger)),
                STEPS.check(5, 20, "@Champion on the best version, each version's AUC recorded",
                        "load each version with models:/<name>/<version>, score it on the evaluation "
                                + "data, tag the version " + AUC_TAG + " = that AUC (setModelVersionTag), and move "
                                + "@Champion to the version with the highest AUC.",
                        () -> onModel(evidence, RegistryGrader::champion)),
                STEPS.check(6, 15, "batch inference through @Champion",
                        "load models:/<name>@Champion with context.models().load (the alias, not a "
                                + "version number or a run; the runtime records the load), score the batch with that "
                                + "model, and log a run batch-inference with params model_uri and model_version and "
                                + "the metric scored_rows.",
                        () -> onModel(evidence, RegistryGrader::batchInference)),
                STEPS.check(7, 10, "catalog mode refused the two-part name",
                        "try to create the two-part name with context.catalog() (catalog mode), which "
                                + "refuses it (the runtime records the refusal), and catch the "
                                + "RefusedOperationException.",
                        () -> twoPartNameRefused(evidence)));
    }

    /**
     * A check on the registered model, whatever step 1's check found: skipped, naming step 1, only when the server
     * holds no model of that name.
     */
    private static CheckResult onModel(RegistryEvidence evidence, Function<RegistryEvidence, CheckResult> check) {
        return evidence.model().isEmpty()
                ? CheckResult.skipped("found no registered model " + evidence.name() + ": step 1 creates it")
                : check.apply(evidence);
    }

    /** The model is looked up by its three-part name, so a model under any other name is not found. */
    private static CheckResult registeredModel(RegistryEvidence evidence) {
        Optional<RegisteredModel> model = evidence.model();
        if (model.isEmpty()) {
            List<String> yours = evidence.registry().searchRegisteredModels("").stream()
                    .filter(m -> evidence.runs().learner().equals(m.tags().get(LearnerId.TAG)))
                    .map(RegisteredModel::name).sorted().toList();
            return CheckResult.failed("expected a registered model named " + evidence.name() + ", found none"
                    + (yours.isEmpty() ? "" : "; your registered models are " + String.join(", ", yours)));
        }
        Problems problems = new Problems();
        Problems about = problems.about("registered model " + evidence.name());
        Map<String, String> tags = model.get().tags();
        about.expect("tag " + LabTag.NAME, STEPS.labId(), tags.get(LabTag.NAME));
        about.expect("tag " + LearnerId.TAG, evidence.runs().learner(), tags.get(LearnerId.TAG));
        return problems.result("registered model " + evidence.name() + " with tags " + tags);
    }

    private static CheckResult versions(RegistryEvidence evidence) {
        List<ModelVersion> versions = evidence.versions();
        Problems problems = new Problems();
        problems.require(versions.size() == FEATURE_SETS.size(), "expected " + FEATURE_SETS.size()
                + " versions, one a candidate, found " + versions.size());
        Set<String> featureSets = new HashSet<>();
        for (ModelVersion version : versions) {
            Problems about = problems.about("version " + version.version());
            about.expect("status", ModelVersion.READY, version.status());
            Optional<Run> run = evidence.run(version.runId());
            if (run.isEmpty()) {
                about.add("expected run_id to be one of your runs in " + evidence.runs().experimentName()
                        + ", found " + (version.runId().isEmpty() ? "none" : version.runId()));
                continue;
            }
            // "model" and "model/" name the same directory: the registry keeps the source as it was given
            about.expect("source", evidence.runs().context().mlflow().artifactUriOf(version.runId()) + "/model",
                    version.source().replaceAll("/+$", ""));
            featureSets.add(params(run.get()).get("feature_set"));
        }
        if (problems.isEmpty()) {
            problems.require(featureSets.equals(FEATURE_SETS), "expected the versions to come from the runs of the "
                    + "feature sets " + FEATURE_SETS + ", found " + featureSets);
        }
        return problems.result(versions.size() + " versions, from the runs of " + featureSets);
    }

    /**
     * A version's tag feature_set is held against the param of the run the registry says it came from. Where several
     * versions share a run, step 2 registered the wrong runs and the tag cannot be held against one: it must then name
     * one of the candidates' feature sets.
     */
    private static CheckResult versionTags(RegistryEvidence evidence) {
        if (evidence.versions().isEmpty()) {
            return noVersions(evidence, "to tag");
        }
        Map<String, Long> versionsByRun = evidence.versions().stream()
                .collect(Collectors.groupingBy(ModelVersion::runId, Collectors.counting()));
        Problems problems = new Problems();
        for (ModelVersion version : evidence.versions()) {
            Problems about = problems.about("version " + version.version());
            about.expect("tag validation_status", "passed", version.tags().get("validation_status"));
            String tagged = version.tags().get("feature_set");
            Optional<String> featureSet = evidence.run(version.runId()).map(run -> params(run).get("feature_set"));
            if (featureSet.isPresent() && versionsByRun.get(version.runId()) == 1) {
                about.expect("tag feature_set (its run's param feature_set)", featureSet.get(), tagged);
            } else {
                about.require(FEATURE_SETS.contains(tagged), "expected tag feature_set to name one of the candidates "
                        + FEATURE_SETS + ", found " + (tagged == null ? "none" : tagged));
            }
        }
        return problems.result("validation_status and feature_set on every version");
    }

    /** Skipped, naming step 2, when there is no version to check: the evidence is missing, not wrong. */
    private static CheckResult noVersions(RegistryEvidence evidence, String what) {
        return CheckResult.skipped("found no versions of " + evidence.name() + " " + what + ": step 2 registers them");
    }

    private static CheckResult challenger(RegistryEvidence evidence) {
        if (evidence.versions().isEmpty()) {
            return noVersions(evidence, "to point @Challenger at");
        }
        String newest = evidence.versions().get(evidence.versions().size() - 1).version();
        return aliasOn(evidence, "Challenger", newest, "the newest version");
    }

    private static CheckResult champion(RegistryEvidence evidence) {
        if (evidence.versions().isEmpty()) {
            return noVersions(evidence, "to compare");
        }
        List<String> scores = new ArrayList<>();
        Problems problems = new Problems();
        Map<String, Double> aucs = new LinkedHashMap<>();
        for (ModelVersion version : evidence.versions()) {
            Optional<Double> auc = evidence.heldOutAuc(version.version());
            if (auc.isEmpty()) {
                problems.add("version " + version.version() + " has no model at its source " + version.source());
                continue;
            }
            scores.add(String.format(Locale.ROOT, "version %s %.3f", version.version(), auc.get()));
            aucs.put(version.version(), auc.get());
        }
        if (!problems.isEmpty()) {
            return problems.result("");
        }
        double bestAuc = aucs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        // versions of the same model score the same AUC up to the order Spark adds the rows in: any of them is best
        List<String> best = aucs.entrySet().stream().filter(entry -> Tolerance.close(bestAuc, entry.getValue()))
                .map(Map.Entry::getKey).toList();
        String found = evidence.model().orElseThrow().aliases().get("Champion");
        String why = String.format(Locale.ROOT, "the best held-out AUC on %d rows drawn from the grading seed: %s",
                RegistryEvidence.HELD_OUT_ROWS, String.join(", ", scores));
        CheckResult alias = aliasOn(evidence, "Champion", best.contains(found) ? found : best.get(0), why);
        Problems recorded = recordedComparison(evidence);
        loadedByNumber(evidence, recorded);
        if (recorded.isEmpty()) {
            return alias.passed() ? CheckResult.passed(alias.detail() + "; every version's " + AUC_TAG
                    + " is its model's AUC on the recorded evaluation rows") : alias;
        }
        if (!alias.passed()) {
            recorded.add(alias.detail());
        }
        return recorded.result("");
    }

    /**
     * The comparison is recorded where the registry shows it: each version's tag {@value #AUC_TAG} must be the AUC the
     * grader scores that version's model at on the evaluation rows the given code recorded on its run, so a number
     * typed in, or another version's AUC, does not pass.
     */
    private static Problems recordedComparison(RegistryEvidence evidence) {
        Problems problems = new Problems();
        for (ModelVersion version : evidence.versions()) {
            Problems about = problems.about("version " + version.version());
            Optional<RecordedSplit> rows = evidence.evaluationRows(version);
            if (rows.isEmpty()) {
                about.add("expected the evaluation rows the given code records on each candidate's run ("
                        + RegistryEvidence.EVALUATION_KEYS_ARTIFACT + "), found none: run the lab again");
                continue;
            }
            Optional<Double> auc = evidence.evaluationAuc(version.version(), rows.get());
            if (auc.isEmpty()) {
                continue;
            }
            String tagged = version.tags().get(AUC_TAG);
            String expected = String.format(Locale.ROOT, "tag %s = %.4f (its model's AUC on the %d evaluation rows "
                    + "recorded on its run)", AUC_TAG, auc.get(), rows.get().keys().size());
            if (tagged == null) {
                about.add("expected " + expected + ", found none");
            } else if (!withinTolerance(auc.get(), tagged)) {
                about.add("expected " + expected + ", found " + tagged);
            }
        }
        return problems;
    }

    /**
     * The comparison loads each version by number, as the README asks: the runtime's record of the lab's loads must
     * hold {@code models:/<name>/<version>} resolved to that version, for every version. A version's model taken from
     * its run ({@code runs:/...}) gives the same AUC but skips the registry the step is about.
     */
    private static void loadedByNumber(RegistryEvidence evidence, Problems problems) {
        RecordedLoads loads = evidence.loads();
        for (ModelVersion version : evidence.versions()) {
            String uri = "models:/" + evidence.name() + "/" + version.version();
            problems.about("version " + version.version()).require(loads.all().stream()
                    .anyMatch(load -> load.uri().equals(uri) && load.version().equals(version.version())),
                    "expected the runtime's record of loading it by number, " + uri + " (context.models().load), "
                            + "found only " + loads.summary());
        }
    }

    private static boolean withinTolerance(double expected, String tagged) {
        try {
            return Tolerance.withinAbsolute(expected, Double.parseDouble(tagged.trim()), AUC_TOLERANCE);
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static CheckResult aliasOn(RegistryEvidence evidence, String alias, String expected, String why) {
        String found = evidence.model().orElseThrow().aliases().get(alias);
        return CheckResult.when(expected.equals(found), "@" + alias + " on version " + expected + " (" + why + ")",
                "expected alias @" + alias + " on version " + expected + " (" + why + "), found "
                        + (found == null ? "no @" + alias + " alias" : "it on version " + found));
    }

    private static CheckResult batchInference(RegistryEvidence evidence) {
        Optional<Run> batch = evidence.runs().newestTopLevelRun(BATCH_RUN_NAME);
        if (batch.isEmpty()) {
            return evidence.runs().missingRun(BATCH_RUN_NAME);
        }
        Problems problems = new Problems();
        Problems about = problems.about("run " + BATCH_RUN_NAME);
        Map<String, String> params = params(batch.get());
        about.expect("param model_uri", "models:/" + evidence.name() + "@Champion", params.get("model_uri"));
        about.expect("param model_version (the version @Champion points at)",
                evidence.model().orElseThrow().aliases().get("Champion"), params.get("model_version"));
        Double scored = metrics(batch.get()).get("scored_rows");
        about.require(scored != null && scored == BATCH_ROWS, "expected metric scored_rows = " + BATCH_ROWS
                + " (the batch's rows), found " + (scored == null ? "none" : scored));
        about.require(batch.get().getInfo().getStatus() == RunStatus.FINISHED,
                "expected the run FINISHED, found " + batch.get().getInfo().getStatus());
        evidence.runs().expectLabTags(batch.get(), about);
        loadedThroughTheAlias(evidence, batch.get(), about);
        return problems.result(BATCH_RUN_NAME + " scored " + BATCH_ROWS + " rows with " + params.get("model_uri")
                + " (version " + params.get("model_version") + "), the model loaded last before it ended");
    }

    /**
     * What the batch scored with, from the runtime's record of the models the lab loaded rather than from the run's
     * params: the last load recorded before the run ended (the last load at all when it never ended) must be of
     * {@code models:/<name>@Champion}, resolved to the version {@code @Champion} points at, from the source the
     * registry gives that version.
     */
    private static void loadedThroughTheAlias(RegistryEvidence evidence, Run batch, Problems about) {
        String aliasUri = "models:/" + evidence.name() + "@Champion";
        RecordedLoads loads = evidence.loads();
        long ended = batch.getInfo().getEndTime();
        Optional<ModelLoad> last = ended > 0 ? loads.lastAtOrBefore(Instant.ofEpochMilli(ended))
                : loads.all().stream().reduce((first, second) -> second);
        if (last.isEmpty()) {
            about.add("expected the runtime's record of loading " + aliasUri + " (context.models().load) before the "
                    + "run ended, found none; the runtime recorded loading " + loads.summary());
            return;
        }
        ModelLoad load = last.get();
        if (!load.uri().equals(aliasUri)) {
            about.add("expected the model it scored with loaded as " + aliasUri + " (the runtime's record of the last "
                    + "model loaded before the run ended), found " + RecordedLoads.describe(load));
            return;
        }
        about.expect("version the recorded load of " + aliasUri + " resolved to (the version @Champion points at)",
                evidence.model().orElseThrow().aliases().get("Champion"), load.version());
        Optional<String> source = evidence.versions().stream().filter(v -> v.version().equals(load.version()))
                .map(ModelVersion::source).findFirst();
        about.require(source.filter(load.source()::equals).isPresent(), "expected the recorded load of version "
                + load.version() + " from the registry's source of that version, " + source.orElse("no such version")
                + ", found " + load.source());
    }

    /**
     * The server must hold no model of the two-part name, and the runtime must have recorded catalog mode refusing to
     * create it: an {@code IllegalArgumentException} whose message is the one catalog mode's rule
     * ({@link RegistryNames#requireCatalogName}) gives for that name, re-derived here.
     */
    private static CheckResult twoPartNameRefused(RegistryEvidence evidence) {
        Problems problems = new Problems();
        String twoPart = evidence.twoPartName();
        problems.require(evidence.registry().findRegisteredModel(twoPart).isEmpty(), "expected no registered model "
                + "named " + twoPart + " (catalog mode refuses two-part names), found one: it was created without "
                + "catalog mode");
        String rule = catalogModesRefusal(twoPart);
        List<RefusedOperation> attempts = evidence.refusals().of(AuditedCatalogRegistry.CREATE_MODEL).stream()
                .filter(entry -> entry.target().equals(twoPart)).toList();
        Optional<RefusedOperation> refused = attempts.stream()
                .filter(entry -> entry.exceptionClass().equals(IllegalArgumentException.class.getName())
                        && entry.message().equals(rule)).findFirst();
        if (attempts.isEmpty()) {
            problems.add("expected the runtime's record of catalog mode refusing to create " + twoPart
                    + " (context.catalog().createRegisteredModel), found none; the runtime recorded "
                    + evidence.refusals().summary());
        } else if (refused.isEmpty()) {
            RefusedOperation newest = attempts.get(attempts.size() - 1);
            problems.add("expected catalog mode's refusal of " + twoPart + " (IllegalArgumentException: " + rule
                    + "), found the runtime's record of " + newest.exceptionClass() + ": " + newest.message());
        }
        return problems.result("'" + twoPart + "' refused at " + refused.map(e -> e.time().toString()).orElse("")
                + ": " + rule);
    }

    private static String catalogModesRefusal(String name) {
        try {
            RegistryNames.requireCatalogName(name);
            throw new IllegalStateException(name + " is a three-part name; catalog mode accepts it");
        } catch (IllegalArgumentException refusal) {
            return refusal.getMessage();
        }
    }
}
