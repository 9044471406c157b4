package org.mllabs.graders.lab07;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.ImputerModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.delta.DeltaSnapshot;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.audit.AuditedDeltaReader;
import org.mllabs.runtime.audit.AuditedDeltaWriter;
import org.mllabs.runtime.audit.RefusedOperation;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lineage.ContentDigest;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.DeltaTableInput;
import org.mllabs.runtime.mlflow.RunData;

/**
 * Grades lab 07, Delta Lake for ML, one check per README step (one more for step 3, two more for step 4). The table is
 * read with the Delta Kernel ({@link org.mllabs.grading.delta}); every number the learner's run reports is recomputed
 * from the table, the refusal the runtime recorded is held against the Delta log, and the logged model's fitted means
 * and payment methods are held against the rows of the version the run records.
 */
public final class DeltaGrader implements Grader {

    /** The steps of lab 07 that the checks grade. */
    static final LabSteps STEPS = LabSteps.of("lab07");

    /** The given code's batches: customers C000001 to C003500, then C003501 to C004300, then the 700 others. */
    static final long FIRST_BATCH_ROWS = 3_500;
    static final long APPENDED_ROWS = 800;
    static final long LATE_ROWS = 700;
    /** The version step 1's append of newCustomers makes, and step 2 travels to by timestamp. */
    static final long APPEND_VERSION = 1;
    static final String MISNAMED_COLUMN = "monthly_charge";
    static final String EVOLVED_COLUMN = "tenure_band";
    /** The column whose values the pipeline's {@code StringIndexer} learns. */
    static final String INDEXED_COLUMN = "payment_method";
    /** What the UPDATE of step 1 sets a missing {@value #INDEXED_COLUMN} to. */
    static final String UNKNOWN_PAYMENT_METHOD = "unknown";

    /**
     * How far a fitted mean may be from the mean the grader computes over the same rows: the two differ only in the
     * order doubles are summed, a relative error near 1e-13 for a few thousand values; a model fitted on other rows
     * (a later version adds 700 customers) is off by far more than 1e-9.
     */
    static final double MEAN_TOLERANCE = 1e-9;

    /** The context of the dataset input of the rows the model was fitted on. */
    static final String TRAINING_CONTEXT = "training";

    /** The source key of a Delta table's name, which MLflow's Delta source takes instead of a path, never with one. */
    static final String NAME_KEY = "delta_table_name";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        DeltaEvidence evidence = DeltaEvidence.of(context);
        return List.of(
                STEPS.check(1, 20, "Delta table with a write, an append and an update",
                        "write firstBatch with format(\"delta\") (version 0), append newCustomers with "
                                + "mode(\"append\") (version 1), then DeltaTable.forPath(...).update(...) sets every "
                                + "missing payment_method to unknown (version 2).",
                        () -> versions(evidence)),
                STEPS.check(2, 15, "time travel by version and by timestamp",
                        "read version 0 with context.timeTravel().versionAsOf(path, 0) and log its rows "
                                + "as rows_version_0; read context.timeTravel().timestampAsOf(path, ...) at the "
                                + "append's commit time from history(), log that time as the param timestamp_as_of and "
                                + "the rows without payment_method as missing_payment_method_at_timestamp.",
                        () -> onTable(evidence, DeltaGrader::timeTravel)),
                STEPS.check(3, 15, "schema enforcement shown",
                        "append misnamedBatch with context.delta().append(misnamedBatch, path), WITHOUT "
                                + "mergeSchema: Delta refuses it and the runtime records the refusal; catch the "
                                + "RefusedOperationException and go on. The table must never get the column "
                                + MISNAMED_COLUMN + ".",
                        () -> onTable(evidence, DeltaGrader::enforcement)),
                STEPS.check(3, "evolution", 10, "schema evolved with mergeSchema",
                        "append evolvedBatch with mergeSchema (context.delta().append(evolvedBatch, "
                                + "path, Map.of(\"mergeSchema\", \"true\"))), so that a new version adds the column "
                                + EVOLVED_COLUMN + ".",
                        () -> onTable(evidence, DeltaGrader::evolution)),
                STEPS.check(4, 10, "dataset input names the table and a version it has",
                        "log DeltaTableInput.of(name, path, version, training, \"training\"): source_type "
                                + "delta_table, source {\"path\": <table path>, \"delta_table_version\": <the "
                                + "version you trained on>} (what MLflow's load() reads), context training, the digest "
                                + "ContentDigest.of(training); and log the model under model/.",
                        () -> onTable(evidence, DeltaGrader::datasetInput)),
                STEPS.check(4, "pinned", 5, "the pinned version is the UPDATE's",
                        "pin the version the UPDATE made (the largest version whose operation is "
                                + "UPDATE in history()), not the latest.",
                        () -> pinned(evidence)).dependsOn(STEPS.id(4)),
                STEPS.check(4, "reproducible", 25, "the recorded version reproduces the training set",
                        "read the training data with option(\"versionAsOf\", version), the same version "
                                + "you record, and fit the pipeline on exactly those rows.",
                        () -> reproducible(evidence)).dependsOn(STEPS.id(4)));
    }

    /**
     * A check on the table, whatever step 1's check found: skipped, naming what is missing, only when there is no run,
     * no table path or no table.
     */
    private static CheckResult onTable(DeltaEvidence evidence, Function<DeltaEvidence, CheckResult> check) {
        return missingTable(evidence).map(missing -> CheckResult.skipped(missing.detail()))
                .orElseGet(() -> check.apply(evidence));
    }

    private static CheckResult versions(DeltaEvidence evidence) {
        Optional<CheckResult> missing = missingTable(evidence);
        if (missing.isPresent()) {
            return missing.get();
        }
        Problems problems = new Problems();
        List<DeltaCommit> history = evidence.history();
        DeltaCommit first = history.get(0);
        problems.require(first.version() == 0 && isWrite(first),
                "expected version 0 to be the first write of the table, found version " + first.version() + " "
                        + first.operation());
        problems.expect("rows at version 0", FIRST_BATCH_ROWS, (long) evidence.rows(0).size());
        Optional<DeltaCommit> append = appendCommit(evidence);
        if (append.isEmpty()) {
            problems.add("expected version " + APPEND_VERSION + " to append newCustomers, found " + summary(history));
            return problems.result(summary(history));
        }
        problems.require(isAppend(append.get()), "expected version " + APPEND_VERSION + " to append newCustomers "
                + "to the first batch (a WRITE with mode(\"append\")), found " + describe(append.get()));
        problems.expect("rows added by the append (version " + APPEND_VERSION + ")", APPENDED_ROWS,
                append.get().metric("numOutputRows"));
        Optional<DeltaCommit> update = evidence.firstCommit("UPDATE", append.get().version());
        if (update.isEmpty()) {
            problems.add("expected an UPDATE after the append, found " + summary(history));
            return problems.result(summary(history));
        }
        long version = update.get().version();
        List<Map<String, Object>> beforeRows = evidence.rows(version - 1);
        long before = missingPaymentMethods(beforeRows);
        long after = missingPaymentMethods(evidence.rows(version));
        problems.require(before > 0 && after == 0, "expected the UPDATE (version " + version + ") to fill every "
                + "missing payment_method, found " + before + " missing before it and " + after + " after");
        List<String> changed = wronglyUpdated(beforeRows, evidence.rows(version));
        problems.require(changed.isEmpty(), "expected the UPDATE (version " + version + ") to set payment_method to "
                + UNKNOWN_PAYMENT_METHOD + " where it is null and leave every other row as it was, found "
                + changed.size() + " rows changed otherwise, such as " + changed.stream().limit(3).toList()
                + ": update(col(\"payment_method\").isNull(), Map.of(\"payment_method\", lit(\""
                + UNKNOWN_PAYMENT_METHOD + "\")))");
        return problems.result(summary(history));
    }

    /**
     * The customers whose {@value #INDEXED_COLUMN} the UPDATE did not leave as the README asks, matched by key between
     * the versions before and after it: a missing one not set to {@value #UNKNOWN_PAYMENT_METHOD}, or one that was
     * present and changed; each as {@code key: before -> after}.
     */
    private static List<String> wronglyUpdated(List<Map<String, Object>> before, List<Map<String, Object>> after) {
        String key = LabDataset.CUSTOMER_CHURN.keyColumn();
        Map<Object, Object> methods = new HashMap<>();
        before.forEach(row -> methods.put(row.get(key), row.get(INDEXED_COLUMN)));
        List<String> changed = new ArrayList<>();
        for (Map<String, Object> row : after) {
            Object was = methods.get(row.get(key));
            Object expected = was == null ? UNKNOWN_PAYMENT_METHOD : was;
            if (!expected.equals(row.get(INDEXED_COLUMN))) {
                changed.add(row.get(key) + ": " + was + " -> " + row.get(INDEXED_COLUMN));
            }
        }
        return changed;
    }

    private static CheckResult timeTravel(DeltaEvidence evidence) {
        Run run = evidence.run().orElseThrow();
        Map<String, Double> metrics = RunData.metrics(run);
        Problems problems = new Problems();
        Path table = evidence.table().orElseThrow().path();
        problems.expect("metric rows_version_0 (the rows of version 0)", (long) evidence.rows(0).size(),
                whole(metrics.get("rows_version_0")));
        problems.require(evidence.reads().read(table, AuditedDeltaReader.VERSION_AS_OF, 0), "expected the runtime's "
                + "record of reading version 0 (context.timeTravel().versionAsOf(path, 0)), which rows_version_0 is "
                + "counted on, found reads: " + evidence.reads().summary());
        String logged = RunData.params(run).get("timestamp_as_of");
        if (logged == null) {
            problems.add("expected the param timestamp_as_of (the time you travelled to), found none");
            return problems.result("");
        }
        Instant time;
        try {
            time = Instant.parse(logged);
        } catch (DateTimeParseException e) {
            problems.add("expected timestamp_as_of as an ISO instant such as 2024-05-01T10:15:30.123Z, found "
                    + logged);
            return problems.result("");
        }
        DeltaSnapshot snapshot;
        try {
            snapshot = evidence.table().orElseThrow().atTimestamp(time);
        } catch (RuntimeException e) {
            problems.add("timestamp_as_of " + logged + " is not within the table's history: " + e.getMessage());
            return problems.result("");
        }
        if (appendCommit(evidence).isEmpty()) {
            problems.add("found no version " + APPEND_VERSION + " in the table's history ("
                    + summary(evidence.history()) + "), so no version to travel to: step 1 appends newCustomers");
            return problems.result("");
        }
        problems.expect("the version current at timestamp_as_of " + logged + " (version " + APPEND_VERSION
                + ", the append's)", APPEND_VERSION, snapshot.version());
        long missing = missingPaymentMethods(evidence.rows(snapshot.version()));
        problems.expect("metric missing_payment_method_at_timestamp (rows without payment_method at " + logged + ", "
                        + "version " + snapshot.version() + ")", missing,
                whole(metrics.get("missing_payment_method_at_timestamp")));
        problems.require(evidence.reads().read(table, AuditedDeltaReader.TIMESTAMP_AS_OF, snapshot.version()),
                "expected the runtime's record of reading by timestamp the version timestamp_as_of resolves to, "
                        + snapshot.version() + " (context.timeTravel().timestampAsOf(path, timestamp)), which "
                        + "missing_payment_method_at_timestamp is counted on, found reads: "
                        + evidence.reads().summary());
        return problems.result("version 0 has " + evidence.rows(0).size() + " rows; at " + logged + " (version "
                + snapshot.version() + ") " + missing + " rows had no payment_method");
    }

    private static CheckResult enforcement(DeltaEvidence evidence) {
        Problems problems = new Problems();
        Path table = evidence.table().orElseThrow().path();
        List<RefusedOperation> appends = evidence.refusals().of(AuditedDeltaWriter.APPEND).stream()
                .filter(entry -> Path.of(entry.target()).toAbsolutePath().normalize().equals(table)).toList();
        Optional<RefusedOperation> shown = appends.stream().filter(entry -> objection(evidence, entry).isEmpty())
                .findFirst();
        if (appends.isEmpty()) {
            problems.add("expected the runtime's record of Delta refusing the append of misnamedBatch to " + table
                    + " (context.delta().append without mergeSchema), found none; the runtime recorded "
                    + evidence.refusals().summary());
        } else if (shown.isEmpty()) {
            problems.add("the runtime's records of refused appends to " + table + " do not show schema enforcement "
                    + "refusing the misnamed batch: " + appends.stream().map(entry -> objection(evidence, entry))
                    .flatMap(Optional::stream).collect(Collectors.joining("; ")));
        }
        for (DeltaCommit commit : evidence.history()) {
            if (commit.changesMetadata()
                    && evidence.snapshot(commit.version()).columnNames().contains(MISNAMED_COLUMN)) {
                problems.add("version " + commit.version() + " (" + describe(commit) + ") added the misnamed column "
                        + MISNAMED_COLUMN + ": the bad append was accepted, not refused");
                break;
            }
        }
        return problems.result(shown.map(entry -> "Delta refused the append of " + MISNAMED_COLUMN + " at version "
                + entry.detail(AuditedDeltaWriter.TABLE_VERSION).orElse("?") + " (" + entry.time() + "): "
                + entry.exceptionClass()).orElse(""));
    }

    /**
     * Why a recorded refusal is not schema enforcement refusing the misnamed batch, re-derived from the Delta log: it
     * must be an {@code AnalysisException}, name the version the log shows current at its time, and refuse columns
     * with {@value #MISNAMED_COLUMN}, which that version lacks. Empty when it is.
     */
    private static Optional<String> objection(DeltaEvidence evidence, RefusedOperation entry) {
        String refusal = "the refusal at " + entry.time();
        if (!isAnalysisException(entry.exceptionClass())) {
            return Optional.of(refusal + " was a " + entry.exceptionClass() + ", not Delta's AnalysisException");
        }
        Optional<DeltaCommit> current = evidence.history().stream()
                .filter(commit -> !commit.timestamp().isAfter(entry.time())).reduce((older, newer) -> newer);
        if (current.isEmpty()) {
            return Optional.of(refusal + " is before the table's first commit");
        }
        long version = current.get().version();
        String recorded = entry.detail(AuditedDeltaWriter.TABLE_VERSION).orElse("none");
        if (!recorded.equals(Long.toString(version))) {
            return Optional.of(refusal + " names table version " + recorded + ", but the Delta log shows version "
                    + version + " current then");
        }
        List<String> columns = List.of(entry.detail(AuditedDeltaWriter.COLUMNS).orElse("").split(","));
        if (!columns.contains(MISNAMED_COLUMN)) {
            return Optional.of(refusal + " refused the columns " + columns + ", not the misnamed batch's (with "
                    + MISNAMED_COLUMN + ")");
        }
        if (evidence.snapshot(version).columnNames().contains(MISNAMED_COLUMN)) {
            return Optional.of(refusal + ": version " + version + " already had " + MISNAMED_COLUMN);
        }
        return Optional.empty();
    }

    private static boolean isAnalysisException(String className) {
        try {
            return AnalysisException.class.isAssignableFrom(
                    Class.forName(className, false, DeltaGrader.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static CheckResult evolution(DeltaEvidence evidence) {
        List<DeltaCommit> history = evidence.history();
        for (DeltaCommit commit : history) {
            if (commit.version() > 0 && commit.changesMetadata() && "Append".equals(commit.parameter("mode"))
                    && evidence.snapshot(commit.version()).columnNames().contains(EVOLVED_COLUMN)
                    && !evidence.snapshot(commit.version() - 1).columnNames().contains(EVOLVED_COLUMN)) {
                Problems problems = new Problems();
                problems.expect("rows added by the evolving append (version " + commit.version() + ")", LATE_ROWS,
                        commit.metric("numOutputRows"));
                List<String> latest = evidence.table().orElseThrow().latest().columnNames();
                problems.require(latest.contains(EVOLVED_COLUMN), "expected the latest version to have the column "
                        + EVOLVED_COLUMN + ", found " + latest);
                return problems.result("version " + commit.version() + " added " + EVOLVED_COLUMN);
            }
        }
        return CheckResult.failed("expected an append that adds the column " + EVOLVED_COLUMN + " (mergeSchema), "
                + "found " + summary(history) + "; latest columns "
                + evidence.table().orElseThrow().latest().columnNames());
    }

    private static CheckResult datasetInput(DeltaEvidence evidence) {
        Run run = evidence.run().orElseThrow();
        List<DatasetInput> inputs = evidence.datasetInputs();
        Optional<DatasetInput> delta = deltaInput(evidence);
        if (delta.isEmpty()) {
            return CheckResult.failed("expected a dataset input with source_type " + DeltaTableInput.SOURCE_TYPE
                    + " on run " + RunData.id(run) + ", found " + (inputs.isEmpty() ? "no dataset input"
                    : inputs.stream().map(DatasetInput::sourceType).collect(Collectors.joining(", "))));
        }
        DatasetInput input = delta.get();
        Problems problems = new Problems();
        Optional<JsonNode> source = source(input);
        if (source.isEmpty()) {
            problems.add("expected the source as JSON {\"path\": ..., \"" + DeltaTableInput.VERSION + "\": ...}, found "
                    + input.source());
            return problems.result("");
        }
        Path table = evidence.table().orElseThrow().path();
        String path = source.get().path("path").asText("");
        problems.expect("source path", table, path.isEmpty() ? null : Path.of(path).toAbsolutePath().normalize());
        problems.require(!source.get().has(NAME_KEY), "expected a source with a path and no " + NAME_KEY
                + " (MLflow's DeltaDatasetSource takes exactly one of the two), found " + input.source());
        JsonNode version = source.get().path(DeltaTableInput.VERSION);
        if (version.isMissingNode()) {
            problems.add("expected the version you trained on under the source key " + DeltaTableInput.VERSION
                    + " (the key MLflow's DeltaDatasetSource reads), found "
                    + (source.get().has("version") ? "it under version" : "no version") + " in " + input.source()
                    + ": MLflow's load() of this input reads the latest table");
        } else if (!version.isIntegralNumber()) {
            problems.add("expected a whole number as the source's " + DeltaTableInput.VERSION + ", found " + version);
        } else if (!evidence.table().orElseThrow().hasVersion(version.asLong())) {
            problems.add("the source's " + DeltaTableInput.VERSION + " " + version.asLong() + " is not in the table's "
                    + "history (" + summary(evidence.history()) + ")");
        }
        problems.expect("input context", TRAINING_CONTEXT, input.context());
        problems.require(input.digest() != null && !input.digest().isBlank(), "expected a digest, found none");
        problems.require(evidence.runs().artifact(run, "model/MLmodel").isPresent(),
                "expected the model under model/, found no model/MLmodel");
        return problems.result("dataset input " + input.name() + " from " + input.source());
    }

    private static CheckResult pinned(DeltaEvidence evidence) {
        long recorded = recordedVersion(evidence);
        Optional<Long> update = evidence.history().stream().filter(c -> c.operation().equals("UPDATE"))
                .map(DeltaCommit::version).max(Long::compare);
        if (update.isEmpty()) {
            return CheckResult.failed("found no UPDATE in the table's history (" + summary(evidence.history())
                    + "), so no version of it to pin: step 1 makes it");
        }
        boolean latest = recorded == evidence.table().orElseThrow().latestVersion();
        return CheckResult.when(recorded == update.get(), "pinned version " + recorded + ", the UPDATE's",
                "expected the dataset input's version to be " + update.get() + ", the one the UPDATE made, found "
                        + recorded + (latest ? " (the latest)" : ""));
    }

    private static long recordedVersion(DeltaEvidence evidence) {
        return source(deltaInput(evidence).orElseThrow()).orElseThrow().path(DeltaTableInput.VERSION).asLong();
    }

    private static CheckResult reproducible(DeltaEvidence evidence) {
        DatasetInput input = deltaInput(evidence).orElseThrow();
        long version = recordedVersion(evidence);
        DeltaSnapshot snapshot = evidence.snapshot(version);
        List<Map<String, Object>> rows = evidence.rows(version);
        Problems problems = new Problems();
        String digest = ContentDigest.of(snapshot.columnNames(), rows);
        problems.require(digest.equals(input.digest()), "the dataset input's digest " + input.digest()
                + " is not the digest of version " + version + "'s rows, " + digest
                + " (recomputed from the table): the data trained on is not version " + version);
        problems.expect("metric training_rows (the rows of version " + version + ")", (long) rows.size(),
                whole(RunData.metrics(evidence.run().orElseThrow()).get("training_rows")));
        Optional<PipelineModel> model = evidence.model();
        Optional<ImputerModel> imputer = model.flatMap(m -> Arrays.stream(m.stages())
                .filter(ImputerModel.class::isInstance).map(ImputerModel.class::cast).findFirst());
        if (imputer.isEmpty()) {
            problems.add("expected the model under model/ with the pipeline's Imputer, found "
                    + model.map(m -> "stages " + Arrays.toString(m.stages())).orElse("no model"));
            return problems.result("");
        }
        Row surrogates = imputer.get().surrogateDF().first();
        for (String column : imputer.get().getInputCols()) {
            double fitted = ((Number) surrogates.getAs(column)).doubleValue();
            double mean = mean(rows, column);
            problems.require(Tolerance.withinRelative(mean, fitted, MEAN_TOLERANCE), String.format(Locale.ROOT,
                    "the model's Imputer fitted %s = %.6f, but its mean over version %d's rows is %.6f: the model "
                            + "was fitted on other rows than version %d", column, fitted, version, mean, version));
        }
        Optional<StringIndexerModel> indexer = Arrays.stream(model.orElseThrow().stages())
                .filter(StringIndexerModel.class::isInstance).map(StringIndexerModel.class::cast)
                .filter(stage -> INDEXED_COLUMN.equals(stage.getInputCol())).findFirst();
        Set<String> methods = rows.stream().map(row -> row.get(INDEXED_COLUMN)).filter(Objects::nonNull)
                .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        Set<String> learned = new TreeSet<>(indexer.map(stage -> List.of(stage.labelsArray()[0])).orElse(List.of()));
        problems.require(learned.equals(methods), "the model's StringIndexer learned the payment methods "
                + (indexer.isEmpty() ? "(no StringIndexer of " + INDEXED_COLUMN + ")" : learned) + ", but version "
                + version + " has " + methods + ": the model was fitted on other rows than version " + version);
        return problems.result(String.format(Locale.ROOT, "version %d (%d rows, digest %s) is what the model was "
                + "fitted on: its Imputer means and payment methods match the table's", version, rows.size(), digest));
    }

    private static Optional<CheckResult> missingTable(DeltaEvidence evidence) {
        if (evidence.run().isEmpty()) {
            return Optional.of(CheckResult.failed(evidence.runs().noRunNamed(DeltaEvidence.RUN_NAME)
                    + " (DeltaLab starts it)"));
        }
        if (evidence.tablePath().isEmpty()) {
            return Optional.of(CheckResult.failed("run " + RunData.id(evidence.run().get()) + " has no param "
                    + DeltaEvidence.TABLE_PATH_PARAM + " (DeltaLab logs it)"));
        }
        if (evidence.table().isEmpty()) {
            return Optional.of(CheckResult.failed("found no Delta table at " + evidence.tablePath().get()
                    + " (no _delta_log with a commit): step 1 writes it"));
        }
        return Optional.empty();
    }

    /**
     * The commit of step 1's append, {@value #APPEND_VERSION}, the one after the first write, whatever its operation:
     * step 1 checks it is an append, and step 2 travels to it whatever step 1 did.
     */
    private static Optional<DeltaCommit> appendCommit(DeltaEvidence evidence) {
        return evidence.history().stream().filter(c -> c.version() == APPEND_VERSION).findFirst();
    }

    private static boolean isAppend(DeltaCommit commit) {
        return commit.operation().equals("WRITE") && "Append".equals(commit.parameter("mode"));
    }

    /**
     * The run's dataset input of the table it trained on: of its inputs with source type {@code delta_table}, the one
     * with the context {@value #TRAINING_CONTEXT}, whatever other inputs the run records, else the first.
     */
    private static Optional<DatasetInput> deltaInput(DeltaEvidence evidence) {
        List<DatasetInput> delta = evidence.datasetInputs().stream()
                .filter(input -> DeltaTableInput.SOURCE_TYPE.equals(input.sourceType())).toList();
        return delta.stream().filter(input -> TRAINING_CONTEXT.equals(input.context())).findFirst()
                .or(() -> delta.stream().findFirst());
    }

    private static Optional<JsonNode> source(DatasetInput input) {
        try {
            JsonNode node = JSON.readTree(Objects.requireNonNullElse(input.source(), ""));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isWrite(DeltaCommit commit) {
        return commit.operation().equals("WRITE") || commit.operation().startsWith("CREATE");
    }

    private static long missingPaymentMethods(List<Map<String, Object>> rows) {
        return rows.stream().filter(row -> row.get("payment_method") == null).count();
    }

    private static double mean(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(row -> row.get(column)).filter(Objects::nonNull)
                .mapToDouble(value -> ((Number) value).doubleValue()).average().orElse(Double.NaN);
    }

    private static Long whole(Double metric) {
        return metric == null ? null : Math.round(metric);
    }

    private static String summary(List<DeltaCommit> history) {
        return history.stream().map(c -> c.version() + " " + describe(c)).collect(Collectors.joining(", "));
    }

    private static String describe(DeltaCommit commit) {
        String mode = commit.parameter("mode");
        return commit.operation() + (mode.isEmpty() ? "" : " " + mode);
    }
}
