package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.LoggedModel;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;

/**
 * Feature tables over Delta, and models that know their features; names and behaviour follow Databricks'
 * {@code FeatureEngineeringClient}.
 *
 * <pre>{@code
 * FeatureStore store = new FeatureStore(spark, root, mlflow, modelCache);
 * store.createTable("customer_features", List.of("customer_id"), "snapshot_time", snapshots, "Customer features");
 * store.writeTable("customer_features", update, WriteMode.MERGE);
 * TrainingSet training = store.createTrainingSet(labels, List.of(
 *         FeatureLookup.of("customer_features", List.of("customer_id"), List.of("tenure_months"))
 *                 .withTimestampLookupKey("label_time")), "churned", List.of());
 * PipelineModel model = pipeline.fit(training.loadDf());
 * LoggedModel logged = store.logModel(runId, "model", model, training, signature);
 * Dataset<Row> predictions = store.scoreBatch(logged.modelUri(), keysAndTimes);
 * }</pre>
 *
 * <p>A table named {@code customer_features} lives in the Delta directory {@code <root>/customer_features}; its keys
 * and description are table properties ({@link FeatureTable}). Table operations need only Spark; {@link #logModel},
 * {@link #logTrainingSet} and {@link #scoreBatch} need the MLflow server too.
 */
public final class FeatureStore {

    /** Where {@link #logTrainingSet} puts the training rows among the run's artifacts. */
    public static final String TRAINING_SET_ROWS = "training_set/rows.jsonl";
    /** The column {@link #scoreBatch} returns the model's predictions in. */
    public static final String PREDICTION = "prediction";
    /** The {@code source_type} of the dataset inputs {@link #logModel} records: a Delta table. */
    public static final String DELTA_SOURCE = "delta_table";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final Path root;
    private final LabMlflow mlflow;
    private final SparkModels models;

    /** A store of tables only: no models. */
    public FeatureStore(SparkSession spark, Path root) {
        this(spark, root, null, null);
    }

    /**
     * A store whose models are logged to and loaded from MLflow.
     *
     * @param modelCache where downloaded models are kept
     */
    public FeatureStore(SparkSession spark, Path root, LabMlflow mlflow, Path modelCache) {
        this.spark = spark;
        this.root = root.toAbsolutePath();
        this.mlflow = mlflow;
        this.models = mlflow == null ? null : new SparkModels(mlflow, modelCache);
    }

    /** The directory that holds the tables. */
    public Path root() {
        return root;
    }

    /** The Delta directory of the table with the name. */
    public Path pathOf(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a feature table name: '" + name + "' (letters, digits, _ . -)");
        }
        return root.resolve(name);
    }

    /**
     * Creates a feature table from a DataFrame's rows and schema (Delta versions 0, the table with its properties, and
     * 1, the rows).
     *
     * @param timestampKey the timestamp key, or null for a table with one row per primary key
     * @throws IllegalStateException when the table exists
     * @throws IllegalArgumentException when a key is not a column, or two rows have the same keys
     */
    public FeatureTable createTable(String name, List<String> primaryKeys, String timestampKey, Dataset<Row> df,
                                    String description) {
        List<String> rowKeys = new ArrayList<>(primaryKeys);
        if (timestampKey != null) {
            rowKeys.add(timestampKey);
        }
        requireUniqueKeys(name, rowKeys, df);
        FeatureTable table = createTable(name, primaryKeys, timestampKey, df.schema(), description);
        df.write().format("delta").mode("append").save(table.path().toString());
        return table;
    }

    /** Creates an empty feature table with the schema (Delta version 0); see the other {@code createTable}. */
    public FeatureTable createTable(String name, List<String> primaryKeys, String timestampKey, StructType schema,
                                    String description) {
        Path path = pathOf(name);
        if (exists(name)) {
            throw new IllegalStateException("The feature table " + name + " already exists at " + path);
        }
        if (primaryKeys.isEmpty()) {
            throw new IllegalArgumentException("A feature table needs at least one primary key");
        }
        List<String> columns = Arrays.asList(schema.fieldNames());
        List<String> keys = new ArrayList<>(primaryKeys);
        if (timestampKey != null) {
            keys.add(timestampKey);
        }
        for (String key : keys) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("The key " + key + " is not a column of " + columns);
            }
        }
        DeltaTableBuilder builder = DeltaTable.create(spark).location(path.toString()).addColumns(schema);
        if (description != null) {
            builder = builder.comment(description);
        }
        for (Map.Entry<String, String> property : FeatureTable.properties(primaryKeys, timestampKey, description)
                .entrySet()) {
            builder = builder.property(property.getKey(), property.getValue());
        }
        builder.execute();
        return getTable(name);
    }

    /** Whether the table exists. */
    public boolean exists(String name) {
        return DeltaTable.isDeltaTable(spark, pathOf(name).toString());
    }

    /**
     * Writes rows into the table: {@link WriteMode#MERGE} updates the rows whose primary keys (and timestamp) exist and
     * inserts the others, {@link WriteMode#OVERWRITE} replaces every row. The keys and description stay.
     *
     * @throws IllegalArgumentException when the rows lack a key column or two of them have the same keys
     */
    public void writeTable(String name, Dataset<Row> df, WriteMode mode) {
        FeatureTable table = getTable(name);
        requireUniqueKeys(name, table.rowKeys(), df);
        if (mode == WriteMode.OVERWRITE) {
            df.write().format("delta").mode("overwrite").save(table.path().toString());
            return;
        }
        String condition = table.rowKeys().stream()
                .map(key -> "target.`" + key + "` = source.`" + key + "`")
                .collect(Collectors.joining(" AND "));
        DeltaTable.forPath(spark, table.path().toString()).as("target")
                .merge(df.as("source"), condition)
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    /** The table's keys, description and features, read from its Delta properties. */
    public FeatureTable getTable(String name) {
        Path path = pathOf(name);
        if (!exists(name)) {
            throw new IllegalArgumentException("No feature table " + name + " at " + path);
        }
        Row detail = DeltaTable.forPath(spark, path.toString()).detail().first();
        Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
        List<String> primaryKeys = FeatureTable.primaryKeysOf(properties.get(FeatureTable.PRIMARY_KEYS_PROPERTY));
        if (primaryKeys.isEmpty()) {
            throw new IllegalArgumentException("The Delta table at " + path + " is not a feature table: it has no "
                    + FeatureTable.PRIMARY_KEYS_PROPERTY + " property");
        }
        String timestampKey = properties.get(FeatureTable.TIMESTAMP_KEY_PROPERTY);
        List<String> keys = new ArrayList<>(primaryKeys);
        if (timestampKey != null) {
            keys.add(timestampKey);
        }
        List<String> features = Arrays.stream(readTable(name).columns()).filter(column -> !keys.contains(column))
                .toList();
        return new FeatureTable(name, path, primaryKeys, timestampKey,
                properties.getOrDefault(FeatureTable.DESCRIPTION_PROPERTY, ""), features);
    }

    /** The table's rows at its latest version. */
    public Dataset<Row> readTable(String name) {
        return spark.read().format("delta").load(pathOf(name).toString());
    }

    /** The table's latest Delta version. */
    public long version(String name) {
        return DeltaTable.forPath(spark, pathOf(name).toString()).history(1).select("version").first().getLong(0);
    }

    /**
     * The label table with the features of each lookup joined by key, at the tables' current versions. A lookup with
     * a timestamp lookup key is point-in-time ({@link PointInTimeJoin#asOf}); one without joins each key's latest row.
     *
     * @param labels the label table: lookup keys, timestamps, the label and any other columns
     * @param label the label column
     * @param excludeColumns columns of the result to leave out, such as an id the model must not see
     */
    public TrainingSet createTrainingSet(Dataset<Row> labels, List<FeatureLookup> lookups, String label,
                                         List<String> excludeColumns) {
        if (!Arrays.asList(labels.columns()).contains(label)) {
            throw new IllegalArgumentException("The label " + label + " is not a column of " + List.of(labels.columns()));
        }
        Dataset<Row> rows = labels;
        List<FeatureSpec.Lookup> lineage = new ArrayList<>();
        for (FeatureLookup lookup : lookups) {
            FeatureTable table = getTable(lookup.tableName());
            if (lookup.lookupKeys().size() != table.primaryKeys().size()) {
                throw new IllegalArgumentException("The lookup of " + table.name() + " gives the keys "
                        + lookup.lookupKeys() + " for its primary keys " + table.primaryKeys());
            }
            List<String> features = lookup.featureNames().isEmpty() ? table.features() : lookup.featureNames();
            for (String feature : features) {
                if (!table.features().contains(feature)) {
                    throw new IllegalArgumentException("The feature table " + table.name() + " has no feature "
                            + feature + "; its features are " + table.features());
                }
            }
            long version = version(table.name());
            Dataset<Row> data = spark.read().format("delta").option("versionAsOf", version)
                    .load(table.path().toString());
            if (lookup.timestampLookupKey() != null) {
                if (table.timestampKey() == null) {
                    throw new IllegalArgumentException("The feature table " + table.name()
                            + " has no timestamp key, so it cannot be looked up at " + lookup.timestampLookupKey());
                }
                rows = PointInTimeJoin.asOf(rows, lookup.lookupKeys(), lookup.timestampLookupKey(), data,
                        table.primaryKeys(), table.timestampKey(), features);
            } else {
                rows = PointInTimeJoin.latest(rows, lookup.lookupKeys(), data, table.primaryKeys(),
                        table.timestampKey(), features);
            }
            lineage.add(new FeatureSpec.Lookup(table.name(), table.path().toString(), version, table.primaryKeys(),
                    table.timestampKey(), lookup.lookupKeys(), lookup.timestampLookupKey(), features));
        }
        if (!excludeColumns.isEmpty()) {
            rows = rows.drop(excludeColumns.toArray(String[]::new));
        }
        return new TrainingSet(rows, new FeatureSpec(label, lineage));
    }

    /**
     * Logs the model under the run's artifact path with its feature lineage: {@value FeatureSpec#FILE} in the model's
     * directory, and a dataset input on the run for each feature table ({@value #DELTA_SOURCE}, its path and the
     * version the training set read, context {@code training}).
     */
    public LoggedModel logModel(String runId, String artifactPath, PipelineModel model, TrainingSet trainingSet,
                                ModelSignature signature) {
        requireMlflow();
        LoggedModel logged = models.log(runId, artifactPath, model, signature);
        FeatureSpec spec = trainingSet.featureSpec();
        mlflow.artifacts().upload(runId, artifactPath + "/" + FeatureSpec.FILE,
                spec.toYaml().getBytes(StandardCharsets.UTF_8));
        Map<String, DatasetInput> inputs = new LinkedHashMap<>();
        for (FeatureSpec.Lookup lookup : spec.lookups()) {
            inputs.putIfAbsent(lookup.tableName(), tableInput(lookup));
        }
        mlflow.datasets().log(runId, List.copyOf(inputs.values()));
        return logged;
    }

    /**
     * Logs the training rows as {@value #TRAINING_SET_ROWS}, one JSON object a row with every column of the training
     * set (timestamps as ISO-8601 instants), so that how each feature was looked up can be audited from outside,
     * point-in-time correctness included, even for a lookup that ignored the label's time.
     */
    public void logTrainingSet(String runId, TrainingSet trainingSet) {
        requireMlflow();
        List<String> columns = List.of(trainingSet.loadDf().columns());
        StringBuilder lines = new StringBuilder();
        for (Row row : trainingSet.loadDf().select(columns.stream().map(c -> col(c)).toArray(Column[]::new))
                .collectAsList()) {
            ObjectNode line = JSON.createObjectNode();
            for (int i = 0; i < columns.size(); i++) {
                line.set(columns.get(i), JSON.valueToTree(jsonValue(row.get(i))));
            }
            lines.append(line).append('\n');
        }
        mlflow.artifacts().upload(runId, TRAINING_SET_ROWS, lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Scores rows that carry only keys (and timestamps): reads the model's {@value FeatureSpec#FILE}, looks its
     * features up in the tables' latest versions — point-in-time where the rows have the lookup's timestamp column,
     * each key's latest row otherwise — and returns the rows with the features and the model's {@value #PREDICTION}.
     *
     * @throws IllegalArgumentException when the model was logged without a feature spec or the rows lack a key
     */
    public Dataset<Row> scoreBatch(String modelUri, Dataset<Row> df) {
        requireMlflow();
        Path specFile = models.loader().download(modelUri).resolve(FeatureSpec.FILE);
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("The model " + modelUri + " has no " + FeatureSpec.FILE
                    + ": it was not logged with FeatureStore.logModel, so its features cannot be looked up");
        }
        FeatureSpec spec;
        try {
            spec = FeatureSpec.fromYaml(Files.readString(specFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + specFile, e);
        }
        List<String> present = Arrays.asList(df.columns());
        Dataset<Row> rows = df;
        List<String> features = new ArrayList<>();
        for (FeatureSpec.Lookup lookup : spec.lookups()) {
            for (String key : lookup.lookupKeys()) {
                if (!present.contains(key)) {
                    throw new IllegalArgumentException("The rows to score have no column " + key + ", the key of "
                            + lookup.tableName() + "; they have " + present);
                }
            }
            Dataset<Row> data = spark.read().format("delta").load(lookup.tablePath());
            rows = lookup.timestampLookupKey() != null && present.contains(lookup.timestampLookupKey())
                    ? PointInTimeJoin.asOf(rows, lookup.lookupKeys(), lookup.timestampLookupKey(), data,
                            lookup.primaryKeys(), lookup.timestampKey(), lookup.features())
                    : PointInTimeJoin.latest(rows, lookup.lookupKeys(), data, lookup.primaryKeys(),
                            lookup.timestampKey(), lookup.features());
            features.addAll(lookup.features());
        }
        List<Column> output = new ArrayList<>();
        present.forEach(column -> output.add(col(column)));
        features.forEach(feature -> output.add(col(feature)));
        output.add(col(PREDICTION));
        return models.load(modelUri).transform(rows).select(output.toArray(Column[]::new));
    }

    private static DatasetInput tableInput(FeatureSpec.Lookup lookup) {
        ObjectNode source = JSON.createObjectNode();
        source.put("path", lookup.tablePath());
        source.put("version", lookup.tableVersion());
        source.put("table_name", lookup.tableName());
        return new DatasetInput(lookup.tableName(), digest(lookup.tablePath() + "@" + lookup.tableVersion()),
                DELTA_SOURCE, source.toString(), null, null, "training");
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Object jsonValue(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Instant || value instanceof Date || value instanceof LocalDate) {
            return value.toString();
        }
        return value;
    }

    private static void requireUniqueKeys(String name, List<String> rowKeys, Dataset<Row> df) {
        List<String> columns = Arrays.asList(df.columns());
        for (String key : rowKeys) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("The rows for " + name + " have no key column " + key
                        + "; they have " + columns);
            }
        }
        Column[] keys = rowKeys.stream().map(key -> col(key)).toArray(Column[]::new);
        List<Row> duplicates = df.groupBy(keys).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException("Two rows for " + name + " have the same keys " + rowKeys + ": "
                    + duplicates.get(0));
        }
    }

    private void requireMlflow() {
        if (mlflow == null) {
            throw new IllegalStateException("This feature store has no MLflow server: create it with one to log "
                    + "and score models");
        }
    }
}
