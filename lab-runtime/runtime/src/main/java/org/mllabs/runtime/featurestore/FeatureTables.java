package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The feature tables under one directory, as Delta tables: creating, writing (merge or overwrite) and reading them,
 * and joining their features to a label table into a {@link TrainingSet}, point in time where the lookup says so.
 * A table named {@code customer_features} lives in the Delta directory {@code <root>/customer_features}; its keys and
 * description are table properties ({@link FeatureTable}). Needs only Spark.
 */
public final class FeatureTables {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final SparkSession spark;
    private final Path root;

    /** The tables under the directory. */
    public FeatureTables(SparkSession spark, Path root) {
        this.spark = spark;
        this.root = root.toAbsolutePath();
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
        if (OnlineStore.FOLDER.equals(name)) {
            throw new IllegalArgumentException("Not a feature table name: '" + name + "' is the folder of the "
                    + "online store");
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
     * Publishes the table to the online store ({@link OnlineStore}), as Databricks' {@code publish_table} does: each
     * primary key's latest row at the table's latest version, its keys and features, replacing the copy published
     * before. Serving endpoints look features up there by key; a later write reaches them when the table is
     * published again.
     *
     * @return the copy published
     * @throws IllegalArgumentException when the table does not exist, or a key or feature is of a type the online
     *     store does not hold ({@link OnlineTable.Column#TYPES})
     */
    public OnlineTable publishTable(String name) {
        FeatureTable table = getTable(name);
        long version = version(name);
        Dataset<Row> data = spark.read().format("delta").option("versionAsOf", version)
                .load(table.path().toString());
        List<String> names = new ArrayList<>(table.primaryKeys());
        names.addAll(table.features());
        Dataset<Row> latest = PointInTimeJoin.latestRows(data, table.primaryKeys(), table.timestampKey())
                .select(names.stream().map(column -> col(column)).toArray(Column[]::new));
        List<OnlineTable.Column> columns = new ArrayList<>();
        for (StructField field : latest.schema().fields()) {
            columns.add(new OnlineTable.Column(field.name(), field.dataType().typeName()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : latest.collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i));
            }
            rows.add(values);
        }
        OnlineTable copy = new OnlineTable(name, table.path().toString(), version, Instant.now().toString(),
                table.primaryKeys(), columns, rows);
        OnlineStore.beside(table.path()).write(copy);
        return copy;
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
            throw new IllegalArgumentException("The label " + label + " is not a column of "
                    + List.of(labels.columns()));
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
}
