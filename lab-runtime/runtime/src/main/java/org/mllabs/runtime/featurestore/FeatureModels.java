package org.mllabs.runtime.featurestore;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.DeltaTableInput;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.LoggedModel;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;

/**
 * Models that know their features, on an MLflow server: logs a model with the feature lineage of its
 * {@link TrainingSet} ({@value FeatureSpec#FILE}, a dataset input per feature table), logs the training rows for
 * auditing, and scores rows that carry only keys by looking the model's features up in the Delta tables it was
 * trained from.
 */
public final class FeatureModels {

    /** Where {@link #logTrainingSet} puts the training rows among the run's artifacts. */
    public static final String TRAINING_SET_ROWS = "training_set/rows.jsonl";
    /** The column {@link #scoreBatch} returns the model's predictions in. */
    public static final String PREDICTION = "prediction";
    /** The {@code source_type} of the dataset inputs {@link #logModel} records: a Delta table. */
    public static final String DELTA_SOURCE = DeltaTableInput.SOURCE_TYPE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final LabMlflow mlflow;
    private final SparkModels models;

    /**
     * Models logged to and loaded from the server.
     *
     * @param modelCache where downloaded models are kept
     */
    public FeatureModels(SparkSession spark, LabMlflow mlflow, Path modelCache) {
        this.spark = spark;
        this.mlflow = mlflow;
        this.models = new SparkModels(mlflow, modelCache);
    }

    /**
     * Logs the model under the run's artifact path with its feature lineage: {@value FeatureSpec#FILE} in the model's
     * directory, and a dataset input on the run for each feature table, named after it, for the version the training
     * set read, context {@code training}, as {@link DeltaTableInput} writes it so that MLflow's Python client loads
     * back that version.
     */
    public LoggedModel logModel(String runId, String artifactPath, PipelineModel model, TrainingSet trainingSet,
                                ModelSignature signature) {
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

    private DatasetInput tableInput(FeatureSpec.Lookup lookup) {
        Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", lookup.tableVersion())
                .load(lookup.tablePath());
        return DeltaTableInput.of(lookup.tableName(), lookup.tablePath(), lookup.tableVersion(), rows, "training");
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
}
