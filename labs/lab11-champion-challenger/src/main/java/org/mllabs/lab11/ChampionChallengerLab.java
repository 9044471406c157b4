package org.mllabs.lab11;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.features.FeatureSetClassifier;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 11, given code: trains two churn classifiers and registers them as versions 1 and 2 of one model, then calls
 * the steps in {@link RolloutSteps} to serve the champion, add the challenger in shadow, compare them, split the
 * traffic, promote, and roll back. Between the steps it plays the customers: it sends held-out rows to the endpoint
 * (their labels it keeps, as the business learns later who churned), and it runs the nightly batch job, which scores
 * through {@code models:/<name>@Champion} (the runtime records which version that resolved to). Before step 6 a
 * retrain arrives as version 3 and the new {@code @Challenger}: trained on a broken feed, it is worse than version
 * 2. You do not need to change this class.
 */
public final class ChampionChallengerLab implements LabExercise {

    /** The model's own name; {@link LearnerModelNames} makes it {@code mllabs.<you>.churn_classifier}. */
    static final String MODEL = "churn_classifier";
    /** The endpoint's own name; {@link LabContext#endpointName} makes it {@code <you>-lab11-churn}. */
    static final String ENDPOINT = "churn";
    /** Requests sent while the challenger is in shadow (step 2). */
    static final int SHADOW_REQUESTS = 30;
    /** Requests sent after each traffic split (step 4). */
    static final int SPLIT_REQUESTS = 60;
    /** Requests sent after each promotion (steps 5 and 6). */
    static final int PROMOTED_REQUESTS = 20;
    /** Customers in a request. */
    static final int ROWS_PER_REQUEST = 4;
    /** The challenger's share of the traffic in the two splits of step 4, in percent. */
    static final int[] CHALLENGER_SHARES = {10, 50};
    /** How long the rows of the requests sent may take to reach the inference table. */
    static final Duration RECORDED_TIMEOUT = Duration.ofSeconds(60);
    /** How long a config may take to be served. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The name of the run step 3 logs its comparison in. */
    static final String COMPARISON_RUN = "shadow-comparison";
    /** The name of the run step 6 logs its regression check in. */
    static final String REGRESSION_RUN = "regression-check";
    /** How much lower a candidate's accuracy may be than the version before it before it counts as a regression. */
    static final double REGRESSION_MARGIN = 0.02;

    static final String LABEL = LabDataset.CUSTOMER_CHURN.labelColumn();
    static final String KEY = LabDataset.CUSTOMER_CHURN.keyColumn();
    /** The columns every request carries: the customer's id and every feature a version may read. */
    static final List<String> REQUEST_COLUMNS = List.of(KEY, "tenure_months", "monthly_charges", "total_charges",
            "support_calls", "contract", "payment_method", "region");

    private static final long SPLIT_SEED = 11L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A version's features.
     *
     * @param name its name, logged as the run's param {@code feature_set}
     * @param numeric numeric columns, mean-imputed
     * @param categorical categorical columns, one-hot encoded
     */
    record FeatureSet(String name, List<String> numeric, List<String> categorical) {
    }

    /** Version 1, the first champion. */
    static final FeatureSet NUMERIC = new FeatureSet("numeric",
            List.of("tenure_months", "monthly_charges", "support_calls"), List.of());
    /** Version 2, the challenger. */
    static final FeatureSet ALL = new FeatureSet("all",
            List.of("tenure_months", "monthly_charges", "total_charges", "support_calls"),
            List.of("contract", "payment_method"));
    /** Version 3, a retrain of version 2's features on a feed whose labelling job inverted the label. */
    static final FeatureSet RETRAIN = new FeatureSet("retrain", ALL.numeric(), ALL.categorical());

    @Override
    public void run(LabContext context) {
        // Each run of the lab starts afresh: what an earlier run left (runs, the registered model, the endpoint)
        // is deleted; an earlier inference table stays, and this run records in a new one.
        new LearnerLabReset(context.mlflow()).reset(context.labId(), context.learner());
        ServingClient serving = context.serving();
        String endpoint = context.endpointName(ENDPOINT);
        serving.find(endpoint).ifPresent(existing -> serving.delete(endpoint));
        String name = LearnerModelNames.catalogName(context.learner(), MODEL);
        InferenceTable table = InferenceTable.fresh(context.learner(), "churn");

        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN);
        Dataset<Row>[] split = churn.randomSplit(new double[] {0.7, 0.3}, SPLIT_SEED);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> customers = split[1].select(REQUEST_COLUMNS.stream().map(split[1]::col).toArray(
                org.apache.spark.sql.Column[]::new)).na().drop().cache();
        Dataset<Row> labels = split[1].select(KEY, LABEL).cache();
        Traffic traffic = new Traffic(context, serving, endpoint, customers.collectAsList());

        LabRuns runs = new LabRuns(context);
        context.catalog().createRegisteredModel(name, context.runTags(), "Predicts which customers churn");
        List<String> versions = new ArrayList<>();
        for (FeatureSet features : List.of(NUMERIC, ALL)) {
            versions.add(trainAndRegister(context, runs, name, features, train));
        }

        RolloutSteps steps = new RolloutSteps(context);
        steps.serveChampion(endpoint, name, versions, table);
        context.log("Serving " + endpoint + ": " + serving.get(endpoint).path("config").path("served_entities"));

        steps.addShadow(endpoint, name, table);
        traffic.send(SHADOW_REQUESTS);
        steps.compareOnShadow(answers(context, serving, table, traffic), labels);

        for (int share : CHALLENGER_SHARES) {
            steps.splitTraffic(endpoint, name, table, share);
            traffic.send(SPLIT_REQUESTS);
        }

        String promoted = steps.promoteChallenger(endpoint, name, table);
        traffic.send(PROMOTED_REQUESTS);
        batchJob(context, name, customers);

        String retrain = trainAndRegister(context, runs, name, RETRAIN, train);
        context.mlflow().registry().setAlias(name, "Challenger", retrain);
        context.log("A retrain arrived as version " + retrain + ", now @Challenger; it is promoted the same way");
        steps.promoteChallenger(endpoint, name, table);
        traffic.send(PROMOTED_REQUESTS);
        batchJob(context, name, customers);

        String champion = steps.rollBackIfRegressed(answers(context, serving, table, traffic), labels, endpoint, name,
                table, promoted);
        context.log("@Champion is version " + champion + "; the endpoint serves "
                + serving.get(endpoint).path("config").path("served_entities"));
        batchJob(context, name, customers);
    }

    /**
     * The answered requests of the inference table as one row a customer: {@code databricks_request_id},
     * {@code timestamp_ms}, {@code served_entity_name}, {@code model_version}, {@code shadow} (a shadow's answer),
     * {@code customer_id} and {@code prediction}. It waits for the rows of the requests sent so far, which the service
     * appends every second, until their number has not changed for a moment (a shadow's answers come a little later).
     */
    static Dataset<Row> answers(LabContext context, ServingClient serving, InferenceTable table, Traffic traffic) {
        List<Row> rows = table.awaitRows(context.spark(), serving, "status_code = 200", traffic.sent(),
                RECORDED_TIMEOUT);
        List<Row> answers = new ArrayList<>();
        for (Row row : rows) {
            Map<String, String> metadata = row.getJavaMap(row.fieldIndex("request_metadata"));
            try {
                JsonNode request = JSON.readTree(row.<String>getAs("request"));
                JsonNode response = JSON.readTree(row.<String>getAs("response"));
                JsonNode split = request.path("dataframe_split");
                int key = 0;
                for (JsonNode column : split.path("columns")) {
                    if (KEY.equals(column.asText())) {
                        break;
                    }
                    key++;
                }
                JsonNode data = split.path("data");
                JsonNode predictions = response.path("predictions");
                for (int i = 0; i < data.size() && i < predictions.size(); i++) {
                    answers.add(RowFactory.create(row.<String>getAs("databricks_request_id"),
                            row.<Long>getAs("timestamp_ms"), metadata.get("served_entity_name"),
                            metadata.get("model_version"), "true".equals(metadata.get("shadow")),
                            data.get(i).get(key).asText(), predictions.get(i).asDouble()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("An inference table row that is not JSON: " + e.getMessage(), e);
            }
        }
        StructType schema = new StructType().add("databricks_request_id", DataTypes.StringType)
                .add("timestamp_ms", DataTypes.LongType).add("served_entity_name", DataTypes.StringType)
                .add("model_version", DataTypes.StringType).add("shadow", DataTypes.BooleanType)
                .add(KEY, DataTypes.StringType).add("prediction", DataTypes.DoubleType);
        return context.spark().createDataFrame(answers, schema);
    }

    /** The nightly batch job: scores customers with the model {@code @Champion} points at. */
    private static void batchJob(LabContext context, String name, Dataset<Row> customers) {
        PipelineModel champion = context.models().load("models:/" + name + "@Champion");
        long scored = champion.transform(customers.limit(200)).count();
        context.log("Nightly batch job: scored " + scored + " customers with models:/" + name + "@Champion");
    }

    private static String trainAndRegister(LabContext context, LabRuns runs, String name, FeatureSet features,
                                           Dataset<Row> train) {
        // the retrain's feed: the labelling job wrote 1 for customers who stayed and 0 for those who left
        Dataset<Row> feed = features == RETRAIN ? train.withColumn(LABEL, train.col(LABEL).multiply(-1).plus(1))
                : train;
        PipelineModel model = classifier(features).pipeline().fit(feed);
        String runId = runs.start("train-" + features.name());
        context.tracking().logParam(runId, "feature_set", features.name());
        context.models().log(runId, "model", model, classifier(features).signature());
        runs.end(runId, org.mlflow.api.proto.Service.RunStatus.FINISHED);
        String version = context.catalog().registerVersion(name, runId, "model").version();
        context.log(String.format(Locale.ROOT, "Registered the '%s' model as version %s of %s", features.name(),
                version, name));
        return version;
    }

    private static FeatureSetClassifier classifier(FeatureSet features) {
        return new FeatureSetClassifier(LabDataset.CUSTOMER_CHURN, features.numeric(), features.categorical());
    }
}
