package org.mllabs.lab12;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.runtime.LocalFiles;
import org.mllabs.runtime.datasets.CustomerHistory;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.features.FeatureSetClassifier;
import org.mllabs.runtime.featurestore.FeatureLookup;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.featurestore.TrainingSet;
import org.mllabs.runtime.featurestore.WriteMode;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.serving.InferenceRequests;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 12, given code: trains a churn classifier on the training customers of {@code customer_churn} and hands it to
 * the steps of {@link ServingSteps} to log with and without a signature, serve, probe with good and bad requests, and
 * compare with batch scoring; builds a feature table from the customers' history and registers a model trained on it
 * for step 6; then plays the mobile app of {@link BillingApp}, whose requests step 7 examines and fixes. You do not
 * need to change this class.
 */
public final class RealtimeServingLab implements LabExercise {

    /** The churn model's own name; {@link LearnerModelNames} makes it {@code mllabs.<you>.churn_realtime}. */
    static final String MODEL = "churn_realtime";
    /** The feature-store model's own name, {@code mllabs.<you>.churn_by_key}. */
    static final String BY_KEY_MODEL = "churn_by_key";
    /** The churn model's endpoint, {@code <you>-lab12-churn}. */
    static final String ENDPOINT = "churn";
    /** The feature-store model's endpoint, {@code <you>-lab12-by-key}. */
    static final String BY_KEY_ENDPOINT = "by-key";
    /** The run and served entity of the version logged with a signature. */
    static final String SIGNED = "signed";
    /** The run and served entity of the version logged without one. */
    static final String UNSIGNED = "unsigned";
    /** The run step 4 logs what the bad requests got in. */
    static final String BAD_REQUESTS_RUN = "bad-requests";
    /** The run step 5 logs its comparison in. */
    static final String BATCH_RUN = "batch-vs-endpoint";
    /** The run step 7 logs the skew it found in. */
    static final String SKEW_RUN = "skew-check";
    /** The run the feature-store model comes from. */
    static final String BY_KEY_RUN = "train-by-key";
    /** The feature table of step 6. */
    static final String FEATURE_TABLE = "customer_features";

    static final String KEY = LabDataset.CUSTOMER_CHURN.keyColumn();
    static final String LABEL = LabDataset.CUSTOMER_CHURN.labelColumn();
    /** The numeric columns the churn model reads (mean-imputed). */
    static final List<String> NUMERIC = List.of("tenure_months", "monthly_charges", "total_charges", "support_calls");
    /** The categorical columns it reads (one-hot encoded). */
    static final List<String> CATEGORICAL = List.of("contract", "payment_method");
    /** Every column the churn model reads. */
    static final List<String> FEATURES = Stream.concat(NUMERIC.stream(), CATEGORICAL.stream()).toList();
    /** The features the feature-store model looks up in {@value #FEATURE_TABLE}. */
    static final List<String> BY_KEY_FEATURES = List.of("tenure_months", "monthly_charges", "support_calls",
            "contract");
    /** The training customers: 70 % of them, chosen by their key; every other customer is held out. */
    static final String TRAINING_CUSTOMERS = "pmod(hash(customer_id), 10) < 7";

    /** Held-out customers step 3 sends in each format. */
    static final int FORMAT_ROWS = 5;
    /** Held-out customers step 5 scores both ways. */
    static final int BATCH_ROWS = 500;
    /** Customers step 6 scores by key. */
    static final int KEYS = 200;
    /** The app's requests before the fix, and again after it. */
    static final int APP_REQUESTS = 40;
    /** How long a config may take to be served. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** How long the rows of the requests sent may take to reach the inference table. */
    static final Duration RECORDED_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void run(LabContext context) {
        // Each run of the lab starts afresh: what an earlier run left (runs, registered models, endpoints) is
        // deleted; an earlier inference table stays, and this run records in a new one.
        new LearnerLabReset(context.mlflow()).reset(context.labId(), context.learner());
        ServingClient serving = context.serving();
        String endpoint = context.endpointName(ENDPOINT);
        String byKeyEndpoint = context.endpointName(BY_KEY_ENDPOINT);
        for (String name : List.of(endpoint, byKeyEndpoint)) {
            serving.find(name).ifPresent(existing -> serving.delete(name));
        }
        String model = LearnerModelNames.catalogName(context.learner(), MODEL);
        InferenceTable table = InferenceTable.fresh(context.learner(), "churn");

        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN);
        Dataset<Row> training = churn.filter(TRAINING_CUSTOMERS).cache();
        // the held-out customers in an order of this run's own: each run hands the steps other customers
        Dataset<Row> heldOut = churn.filter("not (" + TRAINING_CUSTOMERS + ")").select(requestColumns(churn))
                .na().drop().orderBy(xxhash64(col(KEY), lit(System.currentTimeMillis())));
        List<Row> customers = heldOut.collectAsList();
        PipelineModel pipeline = classifier().pipeline().fit(training);
        context.catalog().createRegisteredModel(model, context.runTags(), "Predicts which customers churn");

        ServingSteps steps = new ServingSteps(context);
        List<String> versions = steps.logWithAndWithoutSignature(model, pipeline, training);
        context.log("Registered " + model + ": version " + versions.get(0) + " with a signature, version "
                + versions.get(1) + " without");

        steps.serveBoth(endpoint, model, versions, table);
        context.log("Serving " + endpoint + ": " + serving.get(endpoint).path("config").path("served_entities"));

        Map<String, List<Double>> byFormat = steps.sendEveryFormat(endpoint, records(customers.subList(0,
                FORMAT_ROWS)));
        context.log("The same " + FORMAT_ROWS + " customers in each format: " + byFormat);

        steps.probeBadRequests(endpoint, records(customers.subList(FORMAT_ROWS, FORMAT_ROWS + 1)).get(0));

        Dataset<Row> batch = context.spark().createDataFrame(customers.subList(FORMAT_ROWS + 1,
                FORMAT_ROWS + 1 + BATCH_ROWS), heldOut.schema());
        steps.batchVersusEndpoint(endpoint, model, versions.get(0), batch);

        FeatureStore store = new FeatureStore(context.spark(), featureStoreRoot(context), context.mlflow(),
                context.workDirectory().resolve("models"));
        String byKeyModel = LearnerModelNames.catalogName(context.learner(), BY_KEY_MODEL);
        String byKeyVersion = trainOnFeatureTable(context, store, byKeyModel);
        List<String> keys = CustomerHistory.generate().keysToScore().toDataset(context.spark()).select(KEY)
                .orderBy(KEY).limit(KEYS).collectAsList().stream().map(row -> row.getString(0)).toList();
        List<Double> byKey = steps.serveByKey(store, byKeyEndpoint, byKeyModel, byKeyVersion, keys,
                InferenceTable.fresh(context.learner(), "by_key"));
        context.log("Scored " + byKey.size() + " customers by key on " + byKeyEndpoint);

        int appStart = FORMAT_ROWS + 1 + BATCH_ROWS;
        BillingApp app = new BillingApp(context, serving, endpoint,
                records(customers.subList(appStart, appStart + APP_REQUESTS * BillingApp.ROWS_PER_REQUEST)));
        app.send(APP_REQUESTS, BillingApp.BEFORE_FIX, row -> row);
        String skewed = steps.findSkew(appRows(context, serving, table, churn.schema()), training);
        context.log("The skewed feature: " + skewed + "; the app now sends its requests through fixRequest");
        app.send(APP_REQUESTS, BillingApp.AFTER_FIX, steps::fixRequest);
        table.awaitRows(context.spark(), serving, "client_request_id like '" + BillingApp.AFTER_FIX + "%'",
                APP_REQUESTS, RECORDED_TIMEOUT);
        context.log("The app's fixed requests are in " + table.name());
    }

    /** The churn model: the numeric columns imputed, the categorical ones one-hot encoded, a logistic regression. */
    static FeatureSetClassifier classifier() {
        return new FeatureSetClassifier(LabDataset.CUSTOMER_CHURN, NUMERIC, CATEGORICAL);
    }

    /** Where the lab's feature store keeps its tables: its work directory's {@code feature-store}, emptied. */
    private static Path featureStoreRoot(LabContext context) {
        Path root = context.workDirectory().resolve("feature-store");
        LocalFiles.deleteTree(root);
        return root;
    }

    /**
     * Builds {@value #FEATURE_TABLE} from the customers' history (January and February snapshots, a March update of
     * every second customer), trains a classifier on a point-in-time training set of it, logs it with its feature
     * spec in a run {@value #BY_KEY_RUN}, and registers it; returns its version.
     */
    private static String trainOnFeatureTable(LabContext context, FeatureStore store, String name) {
        CustomerHistory history = CustomerHistory.generate();
        store.createTable(FEATURE_TABLE, List.of(KEY), "snapshot_time",
                history.snapshots().toDataset(context.spark()), "Customer features, a snapshot a month");
        store.writeTable(FEATURE_TABLE, history.marchUpdate().toDataset(context.spark()), WriteMode.MERGE);
        TrainingSet trainingSet = store.createTrainingSet(history.labels().toDataset(context.spark()),
                List.of(FeatureLookup.of(FEATURE_TABLE, List.of(KEY), BY_KEY_FEATURES)
                        .withTimestampLookupKey("label_time")), LABEL, List.of(KEY, "label_time"));
        FeatureSetClassifier classifier = new FeatureSetClassifier(LabDataset.CUSTOMER_CHURN,
                BY_KEY_FEATURES.subList(0, 3), BY_KEY_FEATURES.subList(3, 4));
        PipelineModel model = classifier.pipeline().fit(trainingSet.loadDf());
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(BY_KEY_RUN);
        store.logModel(runId, "model", model, trainingSet, classifier.signature());
        runs.end(runId, RunStatus.FINISHED);
        context.catalog().createRegisteredModel(name, context.runTags(), "Predicts churn from features looked up "
                + "by customer_id");
        String version = context.catalog().registerVersion(name, runId, "model").version();
        context.log("Registered the feature-store model as version " + version + " of " + name);
        return version;
    }

    /**
     * The app's requests before the fix, unpacked from the inference table: one row a customer, with the columns of
     * {@link InferenceRequests#unpack} (the request's ids and time, the served entity and version, every feature as
     * the request carried it, the prediction). It waits until the table holds all of them.
     */
    private static Dataset<Row> appRows(LabContext context, ServingClient serving, InferenceTable table,
                                        StructType schema) {
        String before = "client_request_id like '" + BillingApp.BEFORE_FIX + "%'";
        table.awaitRows(context.spark(), serving, before, APP_REQUESTS, RECORDED_TIMEOUT);
        StructType features = new StructType(Stream.concat(Stream.of(KEY), FEATURES.stream())
                .map(column -> schema.apply(column)).toArray(StructField[]::new));
        Dataset<Row> inferenceTable = context.spark().read().format("delta").load(table.folder(serving).toString());
        return InferenceRequests.unpack(inferenceTable.filter(before), features);
    }

    /** The key and the features, the columns every request carries. */
    private static Column[] requestColumns(Dataset<Row> churn) {
        return Stream.concat(Stream.of(KEY), FEATURES.stream()).map(churn::col).toArray(Column[]::new);
    }

    /** The rows as records, column name to value, in the columns' order. */
    static List<Map<String, Object>> records(List<Row> rows) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (String column : row.schema().fieldNames()) {
                record.put(column, row.getAs(column));
            }
            records.add(record);
        }
        return records;
    }
}
