package org.mllabs.graders.lab12;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.grading.evidence.RecordedLoads;
import org.mllabs.grading.evidence.ServedEndpoint;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.featurestore.FeatureModels;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.serving.LearnerEndpointNames;
import org.mllabs.runtime.serving.ServingApiException;
import org.mllabs.runtime.serving.ServingClient;

/**
 * What lab 12 leaves, read once a grade: the two registered models' versions (told apart by the run each came from),
 * both endpoints with their config histories and inference tables (the serving service's records), the runtime's
 * records of model loads, the learner's runs, and the lab's dataset. It also scores for the grader: the registered
 * versions on the rows of logged requests, the feature-store model on keys through the feature store's batch scoring,
 * and requests of the grader's own sent to the endpoints.
 */
final class ServingEvidence {

    /** The {@code client_request_id} prefix of the grader's own requests, which are never the learner's work. */
    static final String GRADER_PREFIX = "mllabs-grader-";

    private static final String ROW_INDEX = "mllabs_request_row";
    /** A request value the dataset's column type cannot hold, such as a word where a number belongs. */
    private static final Object UNREADABLE = new Object();

    private final LearnerRuns runs;
    private final String model;
    private final String byKeyModel;
    private final ServedEndpoint churn;
    private final ServedEndpoint byKey;
    private final Map<String, String> versionByRun = new HashMap<>();
    private final Map<String, Run> runByVersion = new HashMap<>();
    private final Map<String, String> pathByVersion = new HashMap<>();
    private Map<String, Row> customers;

    private ServingEvidence(LearnerRuns runs) {
        this.runs = runs;
        this.model = LearnerModelNames.catalogName(runs.context().learner(), ServingGrader.MODEL);
        this.byKeyModel = LearnerModelNames.catalogName(runs.context().learner(), ServingGrader.BY_KEY_MODEL);
        String lab = ServingGrader.STEPS.labId();
        this.churn = ServedEndpoint.read(runs.context(), LearnerEndpointNames.endpoint(runs.context().learner(), lab,
                ServingGrader.ENDPOINT));
        this.byKey = ServedEndpoint.read(runs.context(), LearnerEndpointNames.endpoint(runs.context().learner(), lab,
                ServingGrader.BY_KEY_ENDPOINT));
        ModelRegistry registry = runs.context().mlflow().registry();
        for (String name : List.of(model, byKeyModel)) {
            if (registry.findRegisteredModel(name).isEmpty()) {
                continue;
            }
            for (ModelVersion version : registry.versions(name)) {
                runs.runs("").stream().filter(run -> run.getInfo().getRunId().equals(version.runId())).findFirst()
                        .ifPresent(run -> {
                            versionByRun.putIfAbsent(name + "/" + RunData.name(run), version.version());
                            runByVersion.put(name + "/" + version.version(), run);
                            pathByVersion.put(name + "/" + version.version(), artifactPath(version.source()));
                        });
            }
        }
    }

    static ServingEvidence of(LearnerRuns runs) {
        return new ServingEvidence(runs);
    }

    LearnerRuns runs() {
        return runs;
    }

    /** The churn model's three-part name. */
    String model() {
        return model;
    }

    /** The feature-store model's three-part name. */
    String byKeyModel() {
        return byKeyModel;
    }

    /** The version of the churn model registered from the run of that name ({@code signed}, {@code unsigned}). */
    Optional<String> version(String runName) {
        return Optional.ofNullable(versionByRun.get(model + "/" + runName));
    }

    /** The version of the feature-store model registered from the given code's training run. */
    Optional<String> byKeyVersion() {
        return Optional.ofNullable(versionByRun.get(byKeyModel + "/" + ServingGrader.BY_KEY_RUN));
    }

    /** The signature in the {@code MLmodel} file of the churn model's version, empty when it has none. */
    Optional<LoggedSignature> signature(String version) {
        Run run = runByVersion.get(model + "/" + version);
        return run == null ? Optional.empty()
                : runs.artifact(run, pathByVersion.get(model + "/" + version) + "/MLmodel")
                        .flatMap(LoggedSignature::parse);
    }

    /** The artifact path of a version's model in its run, from its source ({@code .../artifacts/<path>}). */
    private static String artifactPath(String source) {
        int artifacts = source.indexOf("/artifacts/");
        if (artifacts >= 0) {
            return source.substring(artifacts + "/artifacts/".length());
        }
        if (source.startsWith("runs:/")) {
            String rest = source.substring("runs:/".length());
            return rest.substring(rest.indexOf('/') + 1);
        }
        return "model";
    }

    ServedEndpoint churn() {
        return churn;
    }

    ServedEndpoint byKey() {
        return byKey;
    }

    /** The endpoint's requests in its inference table, but the grader's own, oldest first. */
    List<LoggedRequest> requests(ServedEndpoint endpoint) {
        return LoggedRequest.of(endpoint.table()).stream().filter(request -> !request.from(GRADER_PREFIX)).toList();
    }

    /** The newest top-level run of that name. */
    Optional<Run> run(String name) {
        return runs.newestTopLevelRun(name);
    }

    /** The runtime's records of the lab's model loads, in order. */
    List<ModelLoad> loads() {
        return RecordedLoads.of(runs.context(), ServingGrader.STEPS.labId()).all();
    }

    /**
     * What the churn model's registered version predicts for the rows, in their order, scored by the grader: the
     * rows made a DataFrame with the dataset's column types and handed to the version loaded from the registry.
     * Empty when a row has a value the dataset's type cannot hold.
     */
    Optional<List<Double>> score(String version, List<Map<String, JsonNode>> rows) {
        StructType dataset = runs.dataset(LabDataset.CUSTOMER_CHURN).schema();
        List<String> columns = new ArrayList<>();
        rows.forEach(row -> row.keySet().stream().filter(c -> !columns.contains(c))
                .filter(c -> List.of(dataset.fieldNames()).contains(c)).forEach(columns::add));
        StructType schema = new StructType();
        for (String column : columns) {
            schema = schema.add(column, dataset.apply(column).dataType(), true);
        }
        schema = schema.add(ROW_INDEX, DataTypes.LongType, false);
        List<Row> converted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = new Object[columns.size() + 1];
            for (int c = 0; c < columns.size(); c++) {
                Object value = value(rows.get(i).get(columns.get(c)), schema.fields()[c].dataType());
                if (value == UNREADABLE) {
                    return Optional.empty();
                }
                values[c] = value;
            }
            values[columns.size()] = (long) i;
            converted.add(RowFactory.create(values));
        }
        PipelineModel loaded = load("models:/" + model + "/" + version);
        SparkSession spark = runs.context().spark().session();
        return Optional.of(loaded.transform(spark.createDataFrame(converted, schema)).orderBy(ROW_INDEX)
                .select("prediction").collectAsList().stream().map(row -> row.getDouble(0)).toList());
    }

    /** What the feature store's batch scoring predicts for each key with the feature-store model's version. */
    Map<String, Double> scoreByKey(String version, List<String> keys) {
        SparkSession spark = runs.context().spark().session();
        Dataset<Row> rows = spark.createDataFrame(keys.stream().map(key -> RowFactory.create(key)).toList(),
                new StructType().add(ServingGrader.KEY, DataTypes.StringType, false));
        FeatureModels models = new FeatureModels(spark, runs.context().mlflow(),
                runs.context().spark().modelDownloads());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Row row : models.scoreBatch("models:/" + byKeyModel + "/" + version, rows)
                .select(ServingGrader.KEY, FeatureModels.PREDICTION).collectAsList()) {
            scores.put(row.getString(0), row.getDouble(1));
        }
        return scores;
    }

    /** The dataset's row of each customer. */
    synchronized Map<String, Row> customers() {
        if (customers == null) {
            customers = runs.dataset(LabDataset.CUSTOMER_CHURN).collectAsList().stream().collect(Collectors.toMap(
                    row -> row.getString(row.fieldIndex(ServingGrader.KEY)), row -> row, (a, b) -> a));
        }
        return customers;
    }

    /** Each numeric feature's mean and population standard deviation over the lab's training customers. */
    Map<String, double[]> trainingMoments() {
        Dataset<Row> training = runs.dataset(LabDataset.CUSTOMER_CHURN).filter(ServingGrader.TRAINING_CUSTOMERS);
        Map<String, double[]> moments = new LinkedHashMap<>();
        for (String feature : ServingGrader.NUMERIC) {
            Row row = training.agg(avg(col(feature)), stddev_pop(col(feature))).first();
            moments.put(feature, new double[] {row.getDouble(0), row.getDouble(1)});
        }
        return moments;
    }

    /**
     * Sends rows of the grader's own to an endpoint (to one served entity when {@code entity} is given), as
     * {@code dataframe_records} with a {@code client_request_id} of the grader's; returns the predictions.
     *
     * @throws ServingApiException when the endpoint refuses them; with status 503 (an environment failure, never the
     *     learner's) when the service could not answer them: busy (429) twice, or failing in itself (5xx)
     */
    List<Double> send(ServedEndpoint endpoint, Optional<String> entity, List<Map<String, Object>> rows) {
        ServingClient client = new ServingClient(runs.context().serving().orElseThrow(() ->
                new ServingApiException(0, "SERVICE_UNREACHABLE", "this grade was given no serving service")));
        ObjectNode body = ServingClient.dataframeRecords(rows).put("client_request_id", GRADER_PREFIX
                + System.nanoTime());
        for (int attempt = 1; ; attempt++) {
            try {
                List<JsonNode> predictions = entity.isPresent()
                        ? client.invokeEntity(endpoint.name(), entity.get(), body)
                        : client.invoke(endpoint.name(), body);
                return predictions.stream().map(JsonNode::asDouble).toList();
            } catch (ServingApiException e) {
                boolean busy = e.status() == 429;
                if (busy && attempt < 2) {
                    pause();
                    continue;
                }
                if (busy || e.status() >= 500) {
                    throw new ServingApiException(503, e.errorCode(), "the serving service could not answer the "
                            + "grader's own request to " + endpoint.name() + ": " + e.serviceMessage());
                }
                throw e;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Customers of the lab's dataset (whose history the feature table holds), none of those given, drawn with the
     * grade's seed.
     */
    List<String> otherCustomers(Set<String> given, int count) {
        List<String> keys = new ArrayList<>(customers().keySet());
        keys.removeAll(given);
        Collections.sort(keys);
        Collections.shuffle(keys, new Random(runs.context().seed()));
        return keys.subList(0, Math.min(count, keys.size()));
    }

    /** Rows the grader draws from its own seed: the key and every feature, no missing value. */
    List<Map<String, Object>> heldOutRows(int count) {
        Dataset<Row> rows = runs.heldOut(LabDataset.CUSTOMER_CHURN, count * 2);
        List<String> columns = new ArrayList<>(List.of(ServingGrader.KEY));
        columns.addAll(ServingGrader.FEATURES);
        List<Map<String, Object>> records = new ArrayList<>();
        for (Row row : rows.select(columns.stream().map(rows::col).toArray(Column[]::new))
                .na().drop().limit(count).collectAsList()) {
            Map<String, Object> record = new LinkedHashMap<>();
            columns.forEach(column -> record.put(column, row.getAs(column)));
            records.add(record);
        }
        return records;
    }

    private PipelineModel load(String uri) {
        return runs.model(uri).orElseThrow(() -> new IllegalStateException(uri + " does not load"));
    }

    /** A JSON value as the type holds it: null for null, {@link #UNREADABLE} when the type cannot hold it. */
    private static Object value(JsonNode node, DataType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (type.equals(DataTypes.StringType)) {
            return node.isTextual() ? node.asText() : UNREADABLE;
        }
        if (!node.isNumber()) {
            return UNREADABLE;
        }
        if (type.equals(DataTypes.LongType)) {
            return node.canConvertToExactIntegral() ? node.asLong() : UNREADABLE;
        }
        return node.asDouble();
    }
}
