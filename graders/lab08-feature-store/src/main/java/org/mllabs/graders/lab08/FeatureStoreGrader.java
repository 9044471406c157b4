package org.mllabs.graders.lab08;

import static org.mllabs.runtime.mlflow.RunData.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.delta.DeltaSnapshot;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.featurestore.FeatureSpec;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.FeatureTable;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.DeltaTableInput;

/** Grades lab 08, Feature Store, one check per README step, from the Delta tables (Delta Kernel) and MLflow. */
public final class FeatureStoreGrader implements Grader {

    /** The steps of lab 08 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab08");

    static final String PRIMARY_KEY = "customer_id";
    static final String TIMESTAMP_KEY = "snapshot_time";
    static final String LABEL_TIME = "label_time";
    static final String SCORE_TIME = "score_time";
    static final String LABEL = "churned";
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls", "contract");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        FeatureStoreEvidence evidence = FeatureStoreEvidence.of(context);
        return List.of(
                STEPS.check(1, 15, "feature table with its primary and timestamp keys",
                        "store.createTable(\"customer_features\", List.of(\"customer_id\"), "
                                + "\"snapshot_time\", snapshots, description): the customer is the primary key and "
                                + "the snapshot time the timestamp key, not a second primary key.",
                        () -> featureTable(evidence)),
                STEPS.check(2, 15, "March update merged into the table's history",
                        "store.writeTable(\"customer_features\", update, WriteMode.MERGE): a merge "
                                + "on the keys adds the March rows and keeps the earlier snapshots; an overwrite "
                                + "loses them.",
                        () -> merge(evidence)),
                STEPS.check(3, 25, "training set looked up point in time",
                        "FeatureLookup.of(...).withTimestampLookupKey(\"label_time\") on the labels "
                                + "as given, so that each label gets the features as they were at the time it was "
                                + "observed, never values from after it.",
                        () -> pointInTime(evidence)),
                STEPS.check(4, 20, "model logged with its feature lineage",
                        "store.logModel(runId, \"model\", model, training, signature) with the model "
                                + "and training set given: it writes model/feature_spec.yaml and a dataset input for "
                                + "the table version the training set read.",
                        () -> lineage(evidence)),
                STEPS.check(5, 25, "keys scored in batch with features looked up at their time",
                        "store.scoreBatch(modelUri, keys) with each key's score_time in the column "
                                + "the lookup uses (label_time), then write the result as a Delta table to the path "
                                + "given.",
                        () -> scoring(evidence)));
    }

    private static CheckResult featureTable(FeatureStoreEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        DeltaTableReader table = evidence.table().orElseThrow();
        DeltaSnapshot latest = table.latest();
        Map<String, String> properties = latest.properties();
        Problems problems = new Problems();
        problems.expect("primary keys (table property " + FeatureTable.PRIMARY_KEYS_PROPERTY + ")",
                List.of(PRIMARY_KEY), FeatureTable.primaryKeysOf(properties.get(FeatureTable.PRIMARY_KEYS_PROPERTY)));
        problems.expect("timestamp key (table property " + FeatureTable.TIMESTAMP_KEY_PROPERTY + ")",
                TIMESTAMP_KEY, properties.get(FeatureTable.TIMESTAMP_KEY_PROPERTY));
        String description = properties.get(FeatureTable.DESCRIPTION_PROPERTY);
        problems.require(description != null && !description.isBlank(),
                "expected a description (table property " + FeatureTable.DESCRIPTION_PROPERTY + "), found none");
        List<String> columns = latest.columnNames();
        problems.require(columns.containsAll(FEATURES), "expected the features " + FEATURES + " among the columns, "
                + "found " + columns);
        List<Map<String, Object>> snapshots = evidence.given().snapshots().rows();
        OptionalLong created = firstVersionWithRows(table);
        if (created.isEmpty()) {
            problems.add("expected the snapshots as the table's rows, found no version with rows");
        } else {
            KeyedRows.of(snapshots).compare(KeyedRows.of(table.atVersion(created.getAsLong()).rows()),
                    "version " + created.getAsLong() + " of " + FeatureStoreEvidence.TABLE + ", its first with rows",
                    problems);
        }
        return problems.result(FeatureStoreEvidence.TABLE + " keyed by " + PRIMARY_KEY + " at " + TIMESTAMP_KEY
                + ", the " + snapshots.size() + " snapshot rows at version "
                + created.orElse(-1));
    }

    private static CheckResult merge(FeatureStoreEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        DeltaTableReader table = evidence.table().orElseThrow();
        List<DeltaCommit> history = table.history();
        String operations = history.stream().map(FeatureStoreGrader::describe).collect(Collectors.joining(", "));
        // the update is the table's last write by merge: a table created empty and filled by merge has one before it
        Optional<DeltaCommit> merge = history.stream().filter(commit -> commit.operation().equals("MERGE"))
                .reduce((earlier, later) -> later);
        if (merge.isEmpty()) {
            return CheckResult.failed("expected a MERGE commit in the history of " + FeatureStoreEvidence.TABLE
                    + ", found " + operations);
        }
        Problems problems = new Problems();
        history.stream().filter(commit -> commit.parameter("mode").equalsIgnoreCase("Overwrite")).findFirst()
                .ifPresent(commit -> problems.add("expected no overwrite of the table, found one at version "
                        + commit.version() + ": " + operations));
        List<Map<String, Object>> update = evidence.given().marchUpdate().rows();
        // what the merge must leave: the rows before it, with the update's rows added (or replacing equal keys)
        long before = merge.get().version() - 1;
        KeyedRows earlier = KeyedRows.of(table.atVersion(before).rows());
        KeyedRows expected = earlier.mergedWith(KeyedRows.of(update));
        expected.compare(KeyedRows.of(table.latest().rows()), "version " + table.latestVersion() + " of "
                + FeatureStoreEvidence.TABLE + ", the latest (the rows of version " + before + " and the "
                + update.size() + " March rows)", problems);
        return problems.result("MERGE at version " + merge.get().version() + " kept the " + earlier.size()
                + " rows of version " + before + " and added the " + update.size() + " March rows");
    }

    private static CheckResult pointInTime(FeatureStoreEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        List<JsonNode> rows = evidence.trainingRows();
        if (rows.isEmpty()) {
            return CheckResult.failed("found no training rows at " + FeatureStore.TRAINING_SET_ROWS + " in run "
                    + id(evidence.run().orElseThrow()) + " (FeatureStoreLab logs them after step 3)"
                    + stopped(evidence));
        }
        List<String> columns = new ArrayList<>(List.of(PRIMARY_KEY, LABEL));
        columns.addAll(FEATURES);
        List<String> found = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(found::add);
        if (!found.containsAll(columns)) {
            return CheckResult.failed("expected the training rows to have the columns " + columns + ", found "
                    + found);
        }
        Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
        evidence.given().labels().rows().forEach(label -> labels.put(String.valueOf(label.get(PRIMARY_KEY)), label));
        // the training set was built after the merge, from the table's latest version, which nothing writes after
        FeatureHistory history = history(evidence.table().orElseThrow().latest());
        Problems problems = new Problems();
        LabelTimes times = new LabelTimes();
        Mismatches mismatches = new Mismatches("the label's");
        Set<String> seen = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode row : rows) {
            String key = row.path(PRIMARY_KEY).asText();
            Map<String, Object> label = labels.get(key);
            if (label == null || !seen.add(key)) {
                unknown.add(key);
                continue;
            }
            Instant observed = (Instant) label.get(LABEL_TIME);
            times.compare(key, observed, row.path(LABEL_TIME), label.get(LABEL), value(row.path(LABEL)));
            mismatches.compare(history, key, observed, feature -> value(row.path(feature)));
        }
        times.report(problems, rows.size());
        problems.require(unknown.isEmpty() && seen.size() == labels.size(), "expected one training row for each of "
                + "the " + labels.size() + " labels given, found " + rows.size() + " rows for " + seen.size()
                + " of them" + (unknown.isEmpty() ? "" : " and " + unknown.size() + " rows of no label given or "
                + "repeated, such as " + unknown.get(0)));
        mismatches.report(problems, rows.size(), "training rows");
        return problems.result(rows.size() + " training rows, each with its label as given and the features as of "
                + "the time it was observed");
    }

    private static CheckResult lineage(FeatureStoreEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        String runId = id(evidence.run().orElseThrow());
        if (!evidence.hasModel()) {
            return CheckResult.failed("found no model under " + FeatureStoreEvidence.MODEL_PATH + "/ in run " + runId
                    + stopped(evidence));
        }
        Optional<FeatureSpec> spec = evidence.featureSpec();
        if (spec.isEmpty()) {
            return CheckResult.failed("found no " + FeatureStoreEvidence.MODEL_PATH + "/" + FeatureSpec.FILE
                    + " next to the model of run " + runId + ": it was logged without its feature lineage");
        }
        DeltaTableReader table = evidence.table().orElseThrow();
        Optional<FeatureSpec.Lookup> found = spec.get().lookups().stream()
                .filter(entry -> entry.tableName().equals(FeatureStoreEvidence.TABLE)).findFirst();
        if (found.isEmpty()) {
            return CheckResult.failed("expected the feature spec to name " + FeatureStoreEvidence.TABLE
                    + ", found the tables "
                    + spec.get().lookups().stream().map(FeatureSpec.Lookup::tableName).toList());
        }
        FeatureSpec.Lookup lookup = found.get();
        Problems problems = new Problems();
        Problems about = problems.about("feature spec");
        about.expect("table path", table.path(), Path.of(lookup.tablePath()).toAbsolutePath().normalize());
        about.expect("lookup keys", List.of(PRIMARY_KEY), lookup.lookupKeys());
        about.require(lookup.features().containsAll(FEATURES), "expected the features " + FEATURES
                + ", found " + lookup.features());
        about.expect("label", LABEL, spec.get().label());
        List<JsonNode> rows = evidence.trainingRows();
        if (!table.hasVersion(lookup.tableVersion())) {
            about.add("expected a version of the table, found " + lookup.tableVersion()
                    + " which its history does not have");
        } else if (rows.isEmpty()) {
            about.add("found no training rows at " + FeatureStore.TRAINING_SET_ROWS + " to hold its table version "
                    + "against (FeatureStoreLab logs them after step 3)");
        } else {
            Map<String, Instant> observed = new LinkedHashMap<>();
            evidence.given().labels().rows().forEach(label ->
                    observed.put(String.valueOf(label.get(PRIMARY_KEY)), (Instant) label.get(LABEL_TIME)));
            TableVersions.check(table, lookup, rows, observed, about);
        }
        evidence.signature().ifPresentOrElse(
                signature -> problems.require(Set.copyOf(signature.inputNames()).equals(Set.copyOf(lookup.features())),
                        "expected the model's signature inputs to be the lookup's features " + lookup.features()
                                + ", found " + signature.inputNames()),
                () -> problems.add("found no signature in the model's MLmodel: expected the lookup's features "
                        + lookup.features() + " as its inputs"));
        if (!rows.isEmpty()) {
            evidence.model().ifPresentOrElse(model -> FittedMeans.compare(model, rows, problems),
                    () -> problems.add("found no model under " + FeatureStoreEvidence.MODEL_PATH + "/ to load"));
        }
        inputOf(evidence, table, lookup, problems);
        return problems.result("model fitted on the training rows, with " + FeatureSpec.FILE + " naming "
                + FeatureStoreEvidence.TABLE + " version " + lookup.tableVersion() + ", whose rows give the "
                + "training set's features; dataset input recorded");
    }

    private static void inputOf(FeatureStoreEvidence evidence, DeltaTableReader table, FeatureSpec.Lookup lookup,
                                Problems problems) {
        List<DatasetInput> inputs = evidence.datasetInputs();
        Optional<DatasetInput> input = inputs.stream()
                .filter(candidate -> candidate.name().equals(FeatureStoreEvidence.TABLE)).findFirst();
        if (input.isEmpty()) {
            problems.add("expected a dataset input " + FeatureStoreEvidence.TABLE + " on the run, found "
                    + inputs.stream().map(DatasetInput::name).toList());
            return;
        }
        Problems about = problems.about("dataset input " + FeatureStoreEvidence.TABLE);
        about.expect("source type", FeatureStore.DELTA_SOURCE, input.get().sourceType());
        JsonNode source = readJson(input.get().source());
        about.expect("source path", table.path().toString(),
                Path.of(source.path("path").asText()).toAbsolutePath().normalize().toString());
        about.expect("source " + DeltaTableInput.VERSION, lookup.tableVersion(),
                source.path(DeltaTableInput.VERSION).asLong(-1));
    }

    private static CheckResult scoring(FeatureStoreEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        DeltaTableReader predictions = evidence.predictions().orElseThrow();
        if (!predictions.exists()) {
            return CheckResult.failed("found no Delta table " + FeatureStoreEvidence.PREDICTIONS + " at "
                    + predictions.path() + stopped(evidence));
        }
        DeltaSnapshot latest = predictions.latest();
        List<String> columns = latest.columnNames();
        List<String> expected = new ArrayList<>(List.of(PRIMARY_KEY, FeatureStore.PREDICTION));
        expected.addAll(FEATURES);
        if (!columns.containsAll(expected)) {
            return CheckResult.failed("expected the columns " + expected + " in " + FeatureStoreEvidence.PREDICTIONS
                    + ", found " + columns);
        }
        Map<String, Instant> keys = new LinkedHashMap<>();
        evidence.given().keysToScore().rows()
                .forEach(key -> keys.put(String.valueOf(key.get(PRIMARY_KEY)), (Instant) key.get(SCORE_TIME)));
        Map<String, Map<String, Object>> scored = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map<String, Object> row : latest.rows()) {
            String key = String.valueOf(row.get(PRIMARY_KEY));
            if (!keys.containsKey(key) || scored.putIfAbsent(key, row) != null) {
                unknown.add(key);
            }
        }
        Problems problems = new Problems();
        FeatureHistory history = history(evidence.table().orElseThrow().latest());
        Mismatches mismatches = new Mismatches("the score time");
        scored.forEach((key, row) -> mismatches.compare(history, key, keys.get(key), row::get));
        boolean latestBySpec = evidence.featureSpec().filter(spec -> spec.lookups().stream()
                .allMatch(lookup -> lookup.timestampLookupKey() == null)).isPresent();
        problems.require(!mismatches.any() || !latestBySpec, "the model's " + FeatureSpec.FILE + " has no timestamp "
                + "lookup key, so scoreBatch looked up each key's latest features whatever its time: the lookup of the "
                + "training set step 4 logs with the model needs one (withTimestampLookupKey, step 3)");
        mismatches.report(problems, scored.size(), "scored rows");
        problems.require(unknown.isEmpty() && scored.size() == keys.size(), "expected one prediction for each of the "
                + keys.size() + " keys given, found " + scored.size() + " of them" + (unknown.isEmpty() ? ""
                : " and " + unknown.size() + " rows of no key given or repeated, such as " + unknown.get(0)));
        scoredAt(evidence, columns, keys, scored, problems);
        Rescoring.check(evidence, keys, scored, history, problems);
        return problems.result(scored.size() + " predictions, features as of each key's score time, each what the "
                + "logged model predicts");
    }

    /**
     * Where the predictions keep the time their features were looked up at (the column the spec's lookup takes it
     * from), it must be each key's given score time: features that happen to be the same at another time do not make
     * that time right.
     */
    private static void scoredAt(FeatureStoreEvidence evidence, List<String> columns, Map<String, Instant> keys,
                                 Map<String, Map<String, Object>> scored, Problems problems) {
        String column = evidence.featureSpec().flatMap(spec -> spec.lookups().stream()
                .map(FeatureSpec.Lookup::timestampLookupKey).filter(Objects::nonNull).findFirst()).orElse(LABEL_TIME);
        if (!columns.contains(column)) {
            return;
        }
        List<String> other = scored.entrySet().stream()
                .filter(entry -> !keys.get(entry.getKey()).equals(entry.getValue().get(column)))
                .map(entry -> "customer " + entry.getKey() + " at " + entry.getValue().get(column) + ", its score time "
                        + keys.get(entry.getKey()))
                .toList();
        problems.require(other.isEmpty(), other.size() + " of " + scored.size() + " scored rows were looked up at "
                + "another time (" + column + ") than their key's score time, such as " + (other.isEmpty() ? ""
                : other.get(0)) + ": keep each key's time as given");
    }

    /** A failure when the run, its store or the feature table is not there: no check can read anything then. */
    private static Optional<CheckResult> missingTable(FeatureStoreEvidence evidence) {
        if (evidence.run().isEmpty()) {
            return Optional.of(evidence.runs().missingRun(FeatureStoreEvidence.RUN_NAME));
        }
        Optional<DeltaTableReader> table = evidence.table();
        if (table.isEmpty()) {
            return Optional.of(CheckResult.failed("found no tag " + FeatureStoreEvidence.STORE_TAG + " on run "
                    + id(evidence.run().get()) + " naming the feature store (FeatureStoreLab sets it)"));
        }
        if (!table.get().exists()) {
            return Optional.of(CheckResult.failed("found no Delta table " + FeatureStoreEvidence.TABLE + " at "
                    + table.get().path()));
        }
        return Optional.empty();
    }

    /** Why a step may have left nothing: the run ended without finishing, stopped by an earlier step's error. */
    private static String stopped(FeatureStoreEvidence evidence) {
        RunStatus status = evidence.run().orElseThrow().getInfo().getStatus();
        return status == RunStatus.FINISHED ? "" : "; the run ended " + status + ": a step before stopped it "
                + "(lab run lab08 shows which)";
    }

    /** The table's first version with rows: where a table created from the snapshots holds them. */
    private static OptionalLong firstVersionWithRows(DeltaTableReader table) {
        for (DeltaCommit commit : table.history()) {
            if (!table.atVersion(commit.version()).rows().isEmpty()) {
                return OptionalLong.of(commit.version());
            }
        }
        return OptionalLong.empty();
    }

    /** The point-in-time lookups a version of the feature table gives. */
    static FeatureHistory history(DeltaSnapshot snapshot) {
        return new FeatureHistory(snapshot.rows(), PRIMARY_KEY, TIMESTAMP_KEY);
    }

    private static String describe(DeltaCommit commit) {
        String mode = commit.parameter("mode");
        return commit.version() + " " + commit.operation() + (mode.isEmpty() ? "" : " (" + mode + ")");
    }

    /** A training row's value as the Delta rows hold it: a number, a text, or null. */
    static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isNumber() ? node.numberValue() : node.asText();
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text == null ? "{}" : text);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}
