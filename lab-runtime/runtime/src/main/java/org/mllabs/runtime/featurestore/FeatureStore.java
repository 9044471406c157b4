package org.mllabs.runtime.featurestore;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.LoggedModel;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Feature tables over Delta, and models that know their features, in one client whose names and behaviour follow
 * Databricks' {@code FeatureEngineeringClient}: the table operations are {@link FeatureTables}', the model logging and
 * scoring {@link FeatureModels}'.
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
 * store.publishTable("customer_features"); // for serving endpoints, which look features up by key
 * }</pre>
 *
 * <p>Table operations need only Spark; {@link #logModel}, {@link #logTrainingSet} and {@link #scoreBatch} need the
 * MLflow server too.
 */
public final class FeatureStore {

    /** Where {@link #logTrainingSet} puts the training rows among the run's artifacts. */
    public static final String TRAINING_SET_ROWS = FeatureModels.TRAINING_SET_ROWS;
    /** The column {@link #scoreBatch} returns the model's predictions in. */
    public static final String PREDICTION = FeatureModels.PREDICTION;
    /** The {@code source_type} of the dataset inputs {@link #logModel} records: a Delta table. */
    public static final String DELTA_SOURCE = FeatureModels.DELTA_SOURCE;

    private final FeatureTables tables;
    private final FeatureModels models;

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
        this.tables = new FeatureTables(spark, root);
        this.models = mlflow == null ? null : new FeatureModels(spark, mlflow, modelCache);
    }

    /** The directory that holds the tables. */
    public Path root() {
        return tables.root();
    }

    /** The Delta directory of the table with the name; see {@link FeatureTables#pathOf}. */
    public Path pathOf(String name) {
        return tables.pathOf(name);
    }

    /** Creates a feature table from a DataFrame's rows and schema; see {@link FeatureTables#createTable}. */
    public FeatureTable createTable(String name, List<String> primaryKeys, String timestampKey, Dataset<Row> df,
                                    String description) {
        return tables.createTable(name, primaryKeys, timestampKey, df, description);
    }

    /** Creates an empty feature table with the schema; see {@link FeatureTables#createTable}. */
    public FeatureTable createTable(String name, List<String> primaryKeys, String timestampKey, StructType schema,
                                    String description) {
        return tables.createTable(name, primaryKeys, timestampKey, schema, description);
    }

    /** Whether the table exists. */
    public boolean exists(String name) {
        return tables.exists(name);
    }

    /** Writes rows into the table by merge or overwrite; see {@link FeatureTables#writeTable}. */
    public void writeTable(String name, Dataset<Row> df, WriteMode mode) {
        tables.writeTable(name, df, mode);
    }

    /** The table's keys, description and features, read from its Delta properties. */
    public FeatureTable getTable(String name) {
        return tables.getTable(name);
    }

    /** The table's rows at its latest version. */
    public Dataset<Row> readTable(String name) {
        return tables.readTable(name);
    }

    /** The table's latest Delta version. */
    public long version(String name) {
        return tables.version(name);
    }

    /**
     * Publishes the table's latest row per key to the online store, where serving endpoints look features up; see
     * {@link FeatureTables#publishTable}.
     */
    public OnlineTable publishTable(String name) {
        return tables.publishTable(name);
    }

    /** The label table with the features of each lookup joined by key; see {@link FeatureTables#createTrainingSet}. */
    public TrainingSet createTrainingSet(Dataset<Row> labels, List<FeatureLookup> lookups, String label,
                                         List<String> excludeColumns) {
        return tables.createTrainingSet(labels, lookups, label, excludeColumns);
    }

    /** Logs the model with its feature lineage; see {@link FeatureModels#logModel}. */
    public LoggedModel logModel(String runId, String artifactPath, PipelineModel model, TrainingSet trainingSet,
                                ModelSignature signature) {
        return models().logModel(runId, artifactPath, model, trainingSet, signature);
    }

    /** Logs the training rows as {@value #TRAINING_SET_ROWS}; see {@link FeatureModels#logTrainingSet}. */
    public void logTrainingSet(String runId, TrainingSet trainingSet) {
        models().logTrainingSet(runId, trainingSet);
    }

    /** Scores rows that carry only keys (and timestamps); see {@link FeatureModels#scoreBatch}. */
    public Dataset<Row> scoreBatch(String modelUri, Dataset<Row> df) {
        return models().scoreBatch(modelUri, df);
    }

    private FeatureModels models() {
        if (models == null) {
            throw new IllegalStateException("This feature store has no MLflow server: create it with one to log "
                    + "and score models");
        }
        return models;
    }
}
