package org.mllabs.graders.lab08;

import static org.mllabs.runtime.mlflow.RunData.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.delta.DeltaSnapshot;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.runtime.featurestore.FeatureSpec;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.FeatureTable;
import org.mllabs.runtime.mlflow.DatasetInput;

/** Grades lab 08, Feature Store, one check per README step, from the Delta tables (Delta Kernel) and MLflow. */
public final class FeatureStoreGrader implements Grader {

    static final String PRIMARY_KEY = "customer_id";
    static final String TIMESTAMP_KEY = "snapshot_time";
    static final String LABEL_TIME = "label_time";
    static final String SCORE_TIME = "score_time";
    static final String LABEL = "churned";
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls", "contract");
    /** When the March update is stamped. */
    static final Instant MARCH = Instant.parse("2024-03-31T00:00:00Z");
    /** One label per customer of customer_churn. */
    static final int LABELS = 5_000;
    /** Every fifth customer of customer_churn is scored. */
    static final int SCORED_KEYS = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StructType SCORING_SCHEMA = new StructType()
            .add(PRIMARY_KEY, DataTypes.StringType)
            .add("tenure_months", DataTypes.IntegerType)
            .add("monthly_charges", DataTypes.DoubleType)
            .add("support_calls", DataTypes.IntegerType)
            .add("contract", DataTypes.StringType);

    @Override
    public String labId() {
        return "lab08";
    }

    @Override
    public List<Check> checks(GradingContext context) {
        FeatureStoreEvidence evidence = FeatureStoreEvidence.of(context);
        return List.of(
                Check.of("lab08.step1", 15, "feature table with its primary and timestamp keys",
                        "README step 1: store.createTable(\"customer_features\", List.of(\"customer_id\"), "
                                + "\"snapshot_time\", snapshots, description): the customer is the primary key and "
                                + "the snapshot time the timestamp key, not a second primary key.",
                        () -> featureTable(evidence)),
                Check.of("lab08.step2", 15, "March update merged into the table's history",
                        "README step 2: store.writeTable(\"customer_features\", update, WriteMode.MERGE): a merge "
                                + "on the keys adds the March rows and keeps the earlier snapshots; an overwrite "
                                + "loses them.",
                        () -> merge(evidence)).dependsOn("lab08.step1"),
                Check.of("lab08.step3", 25, "training set looked up point in time",
                        "README step 3: FeatureLookup.of(...).withTimestampLookupKey(\"label_time\"), so that each "
                                + "label gets the features as they were at its time, never values from after it.",
                        () -> pointInTime(evidence)).dependsOn("lab08.step1"),
                Check.of("lab08.step4", 20, "model logged with its feature lineage",
                        "README step 4: store.logModel(runId, \"model\", model, training, signature): it writes "
                                + "model/feature_spec.yaml and a dataset input for customer_features on the run.",
                        () -> lineage(evidence)).dependsOn("lab08.step1"),
                Check.of("lab08.step5", 25, "keys scored in batch with features looked up at their time",
                        "README step 5: store.scoreBatch(modelUri, keys) with each key's time in the column the "
                                + "lookup uses (label_time), then write the result as a Delta table to the path given.",
                        () -> scoring(evidence)).dependsOn("lab08.step4"));
    }

    private static CheckResult featureTable(FeatureStoreEvidence evidence) {
        if (evidence.run().isEmpty()) {
            return CheckResult.failed("found no run named " + FeatureStoreEvidence.RUN_NAME + " in "
                    + evidence.runs().experimentName());
        }
        Optional<DeltaTableReader> table = evidence.table();
        if (table.isEmpty()) {
            return CheckResult.failed("the run " + id(evidence.run().get()) + " has no tag "
                    + FeatureStoreEvidence.STORE_TAG + " naming the feature store (FeatureStoreLab sets it)");
        }
        if (!table.get().exists()) {
            return CheckResult.failed("found no Delta table " + FeatureStoreEvidence.TABLE + " at "
                    + table.get().path());
        }
        DeltaSnapshot latest = table.get().latest();
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
        return problems.result(FeatureStoreEvidence.TABLE + " keyed by " + PRIMARY_KEY + " at " + TIMESTAMP_KEY
                + ", version " + latest.version());
    }

    private static CheckResult merge(FeatureStoreEvidence evidence) {
        DeltaTableReader table = evidence.table().orElseThrow();
        List<DeltaCommit> history = table.history();
        String operations = history.stream().map(FeatureStoreGrader::describe).collect(Collectors.joining(", "));
        Optional<DeltaCommit> merge = history.stream().filter(commit -> commit.operation().equals("MERGE"))
                .findFirst();
        if (merge.isEmpty()) {
            return CheckResult.failed("expected a MERGE commit in the history of " + FeatureStoreEvidence.TABLE
                    + ", found " + operations);
        }
        Problems problems = new Problems();
        history.stream().filter(commit -> commit.parameter("mode").equalsIgnoreCase("Overwrite")).findFirst()
                .ifPresent(commit -> problems.add("expected no overwrite of the table, found one at version "
                        + commit.version() + ": " + operations));
        Set<String> before = rowKeys(table.atVersion(merge.get().version() - 1).rows());
        List<Map<String, Object>> latestRows = table.latest().rows();
        Set<String> after = rowKeys(latestRows);
        Set<String> lost = new HashSet<>(before);
        lost.removeAll(after);
        problems.require(lost.isEmpty(), "expected every row of version " + (merge.get().version() - 1)
                + " to stay, found " + lost.size() + " of " + before.size() + " gone at version "
                + table.latestVersion());
        long march = latestRows.stream().filter(row -> MARCH.equals(row.get(TIMESTAMP_KEY))).count();
        problems.require(march > 0, "expected rows at " + MARCH + " (the March update), found none");
        return problems.result("MERGE at version " + merge.get().version() + " added " + march + " rows at " + MARCH
                + "; " + before.size() + " earlier rows kept");
    }

    private static CheckResult pointInTime(FeatureStoreEvidence evidence) {
        List<JsonNode> rows = evidence.trainingRows();
        if (rows.isEmpty()) {
            return CheckResult.failed("found no training rows at " + FeatureStore.TRAINING_SET_ROWS + " in run "
                    + id(evidence.run().orElseThrow()) + " (FeatureStoreLab logs them after step 3)");
        }
        List<String> columns = new ArrayList<>(List.of(PRIMARY_KEY, LABEL_TIME, LABEL));
        columns.addAll(FEATURES);
        List<String> found = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(found::add);
        if (!found.containsAll(columns)) {
            return CheckResult.failed("expected the training rows to have the columns " + columns + ", found "
                    + found);
        }
        // The training set was built after the merge, from the table's latest version, which nothing writes after.
        FeatureHistory history = history(evidence);
        Problems problems = new Problems();
        problems.require(rows.size() == LABELS, "expected " + LABELS + " training rows, one a label, found "
                + rows.size());
        Mismatches mismatches = new Mismatches("the label's");
        for (JsonNode row : rows) {
            mismatches.compare(history, row.path(PRIMARY_KEY).asText(), Instant.parse(row.path(LABEL_TIME).asText()),
                    feature -> value(row.path(feature)));
        }
        mismatches.report(problems, rows.size(), "training rows");
        return problems.result(rows.size() + " training rows, each with the features as of its label_time");
    }

    private static CheckResult lineage(FeatureStoreEvidence evidence) {
        String runId = id(evidence.run().orElseThrow());
        if (!evidence.hasModel()) {
            return CheckResult.failed("found no model under " + FeatureStoreEvidence.MODEL_PATH + "/ in run " + runId);
        }
        Optional<FeatureSpec> spec = evidence.featureSpec();
        if (spec.isEmpty()) {
            return CheckResult.failed("found no " + FeatureStoreEvidence.MODEL_PATH + "/" + FeatureSpec.FILE
                    + " next to the model of run " + runId + ": it was logged without its feature lineage");
        }
        DeltaTableReader table = evidence.table().orElseThrow();
        Optional<FeatureSpec.Lookup> lookup = spec.get().lookups().stream()
                .filter(entry -> entry.tableName().equals(FeatureStoreEvidence.TABLE)).findFirst();
        if (lookup.isEmpty()) {
            return CheckResult.failed("expected the feature spec to name " + FeatureStoreEvidence.TABLE
                    + ", found the tables " + spec.get().lookups().stream().map(FeatureSpec.Lookup::tableName).toList());
        }
        Problems problems = new Problems();
        Problems about = problems.about("feature spec");
        about.expect("table path", table.path(), Path.of(lookup.get().tablePath()).toAbsolutePath().normalize());
        about.expect("lookup keys", List.of(PRIMARY_KEY), lookup.get().lookupKeys());
        about.require(lookup.get().features().containsAll(FEATURES), "expected the features " + FEATURES
                + ", found " + lookup.get().features());
        about.require(table.hasVersion(lookup.get().tableVersion()), "expected a version of the table, found "
                + lookup.get().tableVersion() + " which its history does not have");
        about.expect("label", LABEL, spec.get().label());
        List<DatasetInput> inputs = evidence.datasetInputs();
        Optional<DatasetInput> input = inputs.stream()
                .filter(candidate -> candidate.name().equals(FeatureStoreEvidence.TABLE)).findFirst();
        if (input.isEmpty()) {
            problems.add("expected a dataset input " + FeatureStoreEvidence.TABLE + " on the run, found "
                    + inputs.stream().map(DatasetInput::name).toList());
        } else {
            Problems inputProblems = problems.about("dataset input " + FeatureStoreEvidence.TABLE);
            inputProblems.expect("source type", FeatureStore.DELTA_SOURCE, input.get().sourceType());
            JsonNode source = readJson(input.get().source());
            inputProblems.expect("source path", table.path().toString(),
                    Path.of(source.path("path").asText()).toAbsolutePath().normalize().toString());
            inputProblems.expect("source version", lookup.get().tableVersion(), source.path("version").asLong(-1));
        }
        return problems.result("model with " + FeatureSpec.FILE + " naming " + FeatureStoreEvidence.TABLE
                + " version " + lookup.get().tableVersion() + " and its features; dataset input recorded");
    }

    private static CheckResult scoring(FeatureStoreEvidence evidence) {
        DeltaTableReader predictions = evidence.predictions().orElseThrow();
        if (!predictions.exists()) {
            return CheckResult.failed("found no Delta table " + FeatureStoreEvidence.PREDICTIONS + " at "
                    + predictions.path());
        }
        DeltaSnapshot latest = predictions.latest();
        List<String> columns = latest.columnNames();
        List<String> expected = new ArrayList<>(List.of(PRIMARY_KEY, FeatureStore.PREDICTION));
        expected.addAll(FEATURES);
        // scoreBatch takes each key's time from the lookup's column, label_time; keys scored without it keep score_time
        String time = columns.contains(LABEL_TIME) ? LABEL_TIME : SCORE_TIME;
        expected.add(time);
        if (!columns.containsAll(expected)) {
            return CheckResult.failed("expected the columns " + expected + " in " + FeatureStoreEvidence.PREDICTIONS
                    + ", found " + columns);
        }
        List<Map<String, Object>> rows = latest.rows();
        Problems problems = new Problems();
        long customers = rows.stream().map(row -> row.get(PRIMARY_KEY)).distinct().count();
        problems.require(rows.size() == SCORED_KEYS && customers == SCORED_KEYS, "expected one prediction for each "
                + "of the " + SCORED_KEYS + " keys, found " + rows.size() + " rows for " + customers + " customers");
        FeatureHistory history = history(evidence);
        Mismatches mismatches = new Mismatches("the score time");
        for (Map<String, Object> row : rows) {
            mismatches.compare(history, (String) row.get(PRIMARY_KEY), (Instant) row.get(time), row::get);
        }
        mismatches.report(problems, rows.size(), "scored rows");
        if (problems.isEmpty()) {
            rescore(evidence, rows, time, history, problems);
        }
        return problems.result(rows.size() + " predictions, features as of each key's " + time
                + ", each what the logged model predicts");
    }

    /** Scores the grader's own point-in-time features with the logged model and compares with the predictions. */
    private static void rescore(FeatureStoreEvidence evidence, List<Map<String, Object>> rows, String time,
                                FeatureHistory history, Problems problems) {
        Optional<PipelineModel> model = evidence.model();
        if (model.isEmpty()) {
            problems.add("found no model under " + FeatureStoreEvidence.MODEL_PATH + "/ to re-score the keys with");
            return;
        }
        List<Row> features = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String key = (String) row.get(PRIMARY_KEY);
            Map<String, Object> asOf = history.asOf(key, (Instant) row.get(time)).orElse(Map.of());
            features.add(RowFactory.create(key, asOf.get("tenure_months"), asOf.get("monthly_charges"),
                    asOf.get("support_calls"), asOf.get("contract")));
        }
        Map<String, Double> rescored = new HashMap<>();
        model.get().transform(evidence.runs().context().spark().session().createDataFrame(features, SCORING_SCHEMA))
                .select(PRIMARY_KEY, FeatureStore.PREDICTION).collectAsList()
                .forEach(row -> rescored.put(row.getString(0), row.getDouble(1)));
        List<String> differing = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object found = row.get(FeatureStore.PREDICTION);
            Double predicted = rescored.get((String) row.get(PRIMARY_KEY));
            if (!FeatureHistory.same(predicted, found)) {
                differing.add(row.get(PRIMARY_KEY) + ": found " + found + ", the model gives " + predicted);
            }
        }
        problems.require(differing.isEmpty(), differing.size() + " of " + rows.size() + " predictions are not what "
                + "the logged model predicts on the features at each key's " + time + ", e.g. "
                + differing.stream().limit(3).collect(Collectors.joining("; ")));
    }

    private static FeatureHistory history(FeatureStoreEvidence evidence) {
        return new FeatureHistory(evidence.table().orElseThrow().latest().rows(), PRIMARY_KEY, TIMESTAMP_KEY);
    }

    private static Set<String> rowKeys(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get(PRIMARY_KEY) + "@" + row.get(TIMESTAMP_KEY))
                .collect(Collectors.toSet());
    }

    private static String describe(DeltaCommit commit) {
        String mode = commit.parameter("mode");
        return commit.version() + " " + commit.operation() + (mode.isEmpty() ? "" : " (" + mode + ")");
    }

    private static Object value(JsonNode node) {
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
