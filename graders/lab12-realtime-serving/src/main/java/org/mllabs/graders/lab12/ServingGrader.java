package org.mllabs.graders.lab12;

import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Check;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.Grader;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.grading.evidence.ServedEndpoint;
import org.mllabs.grading.lab.LabSteps;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Grades lab 12, signatures and real-time serving, one check per README step, from the serving service's records
 * (both endpoints' configs and inference tables: every request, in which format, to which served entity, with what
 * status and answer), the registry and the logged {@code MLmodel} files, the runtime's records of model loads, and
 * the learner's runs; every prediction and number it holds them against it computes itself: the registered versions
 * scored on the requests' own rows, the feature-store model scored by the feature store's batch scoring, the skew
 * measured on the app's requests against the training customers, and requests of the grader's own sent to both
 * endpoints.
 */
public final class ServingGrader implements Grader {

    static final LabSteps STEPS = LabSteps.of("lab12");
    static final String MODEL = "churn_realtime";
    static final String BY_KEY_MODEL = "churn_by_key";
    static final String ENDPOINT = "churn";
    static final String BY_KEY_ENDPOINT = "by-key";
    static final String SIGNED = "signed";
    static final String UNSIGNED = "unsigned";
    static final String BAD_REQUESTS_RUN = "bad-requests";
    static final String BATCH_RUN = "batch-vs-endpoint";
    static final String SKEW_RUN = "skew-check";
    static final String BY_KEY_RUN = "train-by-key";
    static final String KEY = LabDataset.CUSTOMER_CHURN.keyColumn();
    static final List<String> NUMERIC = List.of("tenure_months", "monthly_charges", "total_charges", "support_calls");
    static final List<String> FEATURES = Stream.concat(NUMERIC.stream(), Stream.of("contract", "payment_method"))
            .toList();
    /** The lab's training customers, as the README defines them. */
    static final String TRAINING_CUSTOMERS = "pmod(hash(customer_id), 10) < 7";
    /** The column the bad requests leave out, and the one they give a word. */
    static final String MISSING_COLUMN = "monthly_charges";
    static final String WRONG_TYPE_COLUMN = "tenure_months";
    /** The {@code client_request_id} prefixes of the app's requests before the fix, and after it. */
    static final String APP = "app-";
    static final String APP_FIXED = "app-fixed-";
    /** The rows the lab hands step 5, and the keys it hands step 6: each step sends them all in one request. */
    static final int BATCH_ROWS = 500;
    static final int KEYS = 200;
    /** How many rows the grader sends of its own to each endpoint. */
    static final int GRADER_ROWS = 20;
    /** How far a logged number may be from the grader's, relative to its size. */
    static final double TOLERANCE = 1e-6;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String labId() {
        return STEPS.labId();
    }

    @Override
    public List<Check> checks(GradingContext context) {
        Function<GradingContext, ServingEvidence> evidence = c -> STEPS.evidence(c, ServingEvidence.class,
                ServingEvidence::of);
        return List.of(
                STEPS.check(1, 10, "the model logged with and without a signature",
                        "log the pipeline in a run 'signed' with ModelSignature.infer(<exactly the columns it "
                                + "reads, from the training rows>, <its prediction>) and in a run 'unsigned' with "
                                + "null, and register both.",
                        () -> signatures(evidence.apply(context))),
                STEPS.check(2, 10, "both versions served on one endpoint",
                        "create the endpoint with table.config(), servedEntity('signed', model, <signed "
                                + "version>) and servedEntity('unsigned', model, <unsigned version>), routes 100 "
                                + "and 0.",
                        () -> served(evidence.apply(context))).dependsOn(STEPS.id(1)),
                STEPS.check(3, 15, "the same rows answered in each of MLflow's four formats",
                        "send the rows with invokeEntity(endpoint, 'signed', body) as "
                                + "ServingClient.dataframeSplit, dataframeRecords, instances and inputs.",
                        () -> formats(evidence.apply(context))).dependsOn(STEPS.id(2)),
                STEPS.check(4, 15, "the bad requests' answers, as the endpoint gave them",
                        "send each entity the row without monthly_charges and the row with tenure_months a "
                                + "word, catch the ServingApiException, and log its status() and serviceMessage().",
                        () -> badRequests(evidence.apply(context))).dependsOn(STEPS.id(2)),
                STEPS.check(5, 15, "batch scoring and the endpoint compared on the same rows",
                        "load models:/<model>/<signed version> and transform the rows, send the same rows in one "
                                + "request to 'signed', and log rows, batch_seconds, endpoint_seconds, agreement and "
                                + "predicted_churners.",
                        () -> batchVersusEndpoint(evidence.apply(context))).dependsOn(STEPS.id(2)),
                STEPS.check(6, 20, "the feature-store model served and scored by key",
                        "publish customer_features (store.publishTable), create the endpoint with table.config() "
                                + "serving the version, and send one request whose rows carry only customer_id.",
                        () -> byKey(evidence.apply(context))),
                STEPS.check(7, 15, "the training-serving skew found and fixed",
                        "compare each numeric feature's mean in the app's requests with the training rows' in "
                                + "training standard deviations, log the farthest, and make fixRequest return the "
                                + "row as training computed that feature.",
                        () -> skew(evidence.apply(context))).dependsOn(STEPS.id(2)));
    }

    private static CheckResult signatures(ServingEvidence evidence) {
        Optional<String> signed = evidence.version(SIGNED);
        Optional<String> unsigned = evidence.version(UNSIGNED);
        if (signed.isEmpty() || unsigned.isEmpty()) {
            return CheckResult.failed("expected versions of " + evidence.model() + " registered from a run '" + SIGNED
                    + "' and a run '" + UNSIGNED + "', found " + (signed.isEmpty() ? "none from '" + SIGNED + "'"
                    : "none from '" + UNSIGNED + "'"));
        }
        StructType dataset = evidence.runs().dataset(LabDataset.CUSTOMER_CHURN).schema();
        LoggedSignature expected = LoggedSignature.of(ModelSignature.infer(new StructType(FEATURES.stream()
                .map(dataset::apply).toArray(StructField[]::new)), new StructType().add("prediction",
                DataTypes.DoubleType, false)));
        Problems problems = new Problems();
        Optional<LoggedSignature> logged = evidence.signature(signed.get());
        if (logged.isEmpty()) {
            problems.add("expected version " + signed.get() + " (run '" + SIGNED + "') logged with a signature, found "
                    + "none");
        } else {
            problems.require(Set.copyOf(logged.get().inputs()).equals(Set.copyOf(expected.inputs())), "expected the "
                    + "signature's inputs to be exactly the columns the model reads, with their types, "
                    + describe(expected.inputs()) + ", found " + describe(logged.get().inputs()));
            problems.require(logged.get().outputNames().contains("prediction"), "expected the signature's outputs "
                    + "to hold the prediction, found " + describe(logged.get().outputs()));
        }
        Optional<LoggedSignature> unsignedSignature = evidence.signature(unsigned.get());
        problems.require(unsignedSignature.isEmpty(), "expected version " + unsigned.get() + " (run '" + UNSIGNED
                + "') logged without a signature, found one with inputs "
                + unsignedSignature.map(s -> describe(s.inputs())).orElse(""));
        if (!problems.isEmpty()) {
            return problems.result("");
        }
        List<Map<String, JsonNode>> rows = json(evidence.heldOutRows(GRADER_ROWS));
        Optional<List<Double>> signedScores = evidence.score(signed.get(), rows);
        Optional<List<Double>> unsignedScores = evidence.score(unsigned.get(), rows);
        problems.require(signedScores.isPresent() && signedScores.equals(unsignedScores), "expected both versions to "
                + "be the given pipeline, predicting alike, found them predicting differently on " + rows.size()
                + " rows of the grader's own");
        return problems.result("version " + signed.get() + " with the signature " + describe(logged.get().inputs())
                + ", version " + unsigned.get() + " without; both predict alike on " + rows.size()
                + " rows of the grader's own");
    }

    private static CheckResult served(ServingEvidence evidence) {
        ServedEndpoint endpoint = evidence.churn();
        if (endpoint.endpoint().isEmpty()) {
            return CheckResult.failed("found no serving endpoint " + endpoint.name());
        }
        if (endpoint.servedConfigs().isEmpty()) {
            return CheckResult.failed("the endpoint " + endpoint.name() + " never served a config");
        }
        JsonNode config = endpoint.servedConfigs().get(0).path("config");
        Map<String, String> entities = new LinkedHashMap<>();
        for (JsonNode entity : config.path("served_entities")) {
            entities.put(entity.path("name").asText(), entity.path("entity_name").asText() + "/"
                    + entity.path("entity_version").asText());
        }
        Map<String, Integer> routes = new LinkedHashMap<>();
        for (JsonNode route : config.path("traffic_config").path("routes")) {
            routes.put(route.path("served_entity_name").asText(route.path("served_model_name").asText()),
                    route.path("traffic_percentage").asInt());
        }
        if (routes.isEmpty() && entities.size() == 1) {
            routes.put(entities.keySet().iterator().next(), 100);
        }
        Map<String, String> expected = Map.of(SIGNED, evidence.model() + "/" + evidence.version(SIGNED).orElseThrow(),
                UNSIGNED, evidence.model() + "/" + evidence.version(UNSIGNED).orElseThrow());
        Problems problems = new Problems();
        problems.require(entities.equals(expected), "expected the endpoint's first served config to serve the "
                + "entities " + expected + " (name: model/version), found " + entities);
        problems.require(Integer.valueOf(100).equals(routes.get(SIGNED)), "expected the route of '" + SIGNED
                + "' to take 100 % of the traffic, found " + routes);
        problems.require(config.path("auto_capture_config").has("catalog_name"), "expected the config to record "
                + "requests in an inference table (table.config()), found none");
        return problems.result("served " + entities + ", routes " + routes + ", inference table "
                + endpoint.tableName().orElse(""));
    }

    private static CheckResult formats(ServingEvidence evidence) {
        String signed = evidence.version(SIGNED).orElseThrow();
        List<LoggedRequest> answered = evidence.requests(evidence.churn()).stream()
                .filter(request -> request.entity().equals(SIGNED) && request.version().equals(signed)
                        && !request.from(APP) && request.answered()).toList();
        // the requests of the same rows, by the rows as the grader reads them (the format is only how they travel)
        Map<String, Map<String, LoggedRequest>> byRows = new LinkedHashMap<>();
        for (LoggedRequest request : answered) {
            byRows.computeIfAbsent(fingerprint(request.rows()), rows -> new LinkedHashMap<>())
                    .putIfAbsent(request.format(), request);
        }
        Optional<Map<String, LoggedRequest>> same = byRows.values().stream()
                .filter(formats -> formats.keySet().containsAll(LoggedRequest.FORMATS)).findFirst();
        if (same.isEmpty()) {
            Map<String, LoggedRequest> most = byRows.values().stream()
                    .max(Comparator.comparingInt(Map::size)).orElse(Map.of());
            List<String> missing = LoggedRequest.FORMATS.stream().filter(f -> !most.containsKey(f)).toList();
            return CheckResult.failed("expected the same rows sent to '" + SIGNED + "' and answered in each of the "
                    + "four formats, found them answered in " + most.keySet() + ", not in " + missing);
        }
        Problems problems = new Problems();
        for (LoggedRequest request : same.get().values()) {
            Optional<List<Double>> own = evidence.score(signed, request.rows());
            problems.require(own.isPresent() && own.get().equals(request.predictions()), "expected the answers of "
                    + "the " + request.format() + " request to be version " + signed + "'s own predictions for its "
                    + "rows, " + own.orElse(List.of()) + ", found " + request.predictions());
        }
        if (!problems.isEmpty()) {
            return problems.result("");
        }
        int rows = same.get().values().iterator().next().rows().size();
        if (!servesSigned(evidence, signed)) {
            return problems.result("the same " + rows + " rows answered in each format as version " + signed
                    + " predicts (the grader sent no rows of its own: '" + SIGNED + "' serves another version now)");
        }
        List<Map<String, Object>> mine = evidence.heldOutRows(GRADER_ROWS);
        List<Double> answers = evidence.send(evidence.churn(), Optional.of(SIGNED), mine);
        List<Double> own = evidence.score(signed, json(mine)).orElse(List.of());
        problems.require(answers.equals(own), "expected the endpoint's '" + SIGNED + "' to answer the grader's "
                + mine.size() + " rows as version " + signed + " scores them, " + own + ", found " + answers);
        return problems.result("the same " + rows + " rows answered in each format as version " + signed
                + " predicts; and " + mine.size() + " rows of the grader's own");
    }

    /** Whether the endpoint's entity {@value #SIGNED} serves the signed version now. */
    private static boolean servesSigned(ServingEvidence evidence, String signed) {
        for (JsonNode entity : evidence.churn().currentConfig().map(c -> c.path("served_entities"))
                .orElse(JSON.createArrayNode())) {
            if (entity.path("name").asText().equals(SIGNED)) {
                return entity.path("entity_name").asText().equals(evidence.model())
                        && entity.path("entity_version").asText().equals(signed);
            }
        }
        return false;
    }

    /** The rows as one text, each row's columns in name order, whatever format carried them. */
    private static String fingerprint(List<Map<String, JsonNode>> rows) {
        return rows.stream().map(row -> new TreeMap<>(row).toString()).collect(Collectors.joining("\n"));
    }

    private static CheckResult badRequests(ServingEvidence evidence) {
        Optional<Run> run = evidence.run(BAD_REQUESTS_RUN);
        if (run.isEmpty()) {
            return evidence.runs().missingRun(BAD_REQUESTS_RUN);
        }
        Map<String, String> logged = new LinkedHashMap<>(params(run.get()));
        // a status is a number: logged as a metric it counts as well
        metrics(run.get()).forEach((key, value) -> logged.putIfAbsent(key, value == Math.rint(value)
                ? String.valueOf(value.longValue()) : String.valueOf(value)));
        List<LoggedRequest> requests = evidence.requests(evidence.churn());
        Problems problems = new Problems();
        List<String> observed = new ArrayList<>();
        for (String entity : List.of(SIGNED, UNSIGNED)) {
            Optional<LoggedRequest> missing = last(requests, entity, row -> !row.containsKey(MISSING_COLUMN));
            Optional<LoggedRequest> wrongType = last(requests, entity, row -> isWord(row.get(WRONG_TYPE_COLUMN)));
            if (missing.isEmpty()) {
                problems.add("expected a request to '" + entity + "' whose row has no " + MISSING_COLUMN + " in the "
                        + "inference table, found none");
            } else {
                problems.expect("param " + entity + "_missing_column_status (the status the endpoint answered)",
                        String.valueOf(missing.get().status()), logged.get(entity + "_missing_column_status"));
                if (missing.get().status() != 200) {
                    problems.expect("param " + entity + "_missing_column_message (the message the endpoint "
                            + "answered)", missing.get().message(), logged.get(entity + "_missing_column_message"));
                }
                observed.add(entity + " answered a missing column with " + missing.get().status());
            }
            if (wrongType.isEmpty()) {
                problems.add("expected a request to '" + entity + "' whose " + WRONG_TYPE_COLUMN + " is a word in the "
                        + "inference table, found none");
            } else {
                problems.expect("param " + entity + "_wrong_type_status (the status the endpoint answered)",
                        String.valueOf(wrongType.get().status()), logged.get(entity + "_wrong_type_status"));
                observed.add(entity + " answered a word for a number with " + wrongType.get().status());
            }
        }
        return problems.result(String.join("; ", observed));
    }

    /** The entity's newest request (not the app's) with a row the test holds for. */
    private static Optional<LoggedRequest> last(List<LoggedRequest> requests, String entity,
                                                Predicate<Map<String, JsonNode>> test) {
        return requests.stream().filter(request -> request.entity().equals(entity) && !request.from(APP))
                .filter(request -> request.rows().stream().anyMatch(test))
                .max(Comparator.comparingLong(LoggedRequest::arrivedAt));
    }

    /** Whether the value is text that is no number. */
    private static boolean isWord(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        try {
            Double.parseDouble(value.asText());
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static CheckResult batchVersusEndpoint(ServingEvidence evidence) {
        String signed = evidence.version(SIGNED).orElseThrow();
        Optional<Run> run = evidence.run(BATCH_RUN);
        if (run.isEmpty()) {
            return evidence.runs().missingRun(BATCH_RUN);
        }
        Optional<LoggedRequest> largest = evidence.requests(evidence.churn()).stream()
                .filter(request -> request.entity().equals(SIGNED) && request.version().equals(signed)
                        && !request.from(APP) && request.answered())
                .max(Comparator.comparingInt(request -> request.rows().size()));
        int size = largest.map(request -> request.rows().size()).orElse(0);
        if (size < BATCH_ROWS) {
            return CheckResult.failed("expected one request to '" + SIGNED + "' with the rows scored in batch, at "
                    + "least " + BATCH_ROWS + ", found at most " + size + " rows in a request");
        }
        LoggedRequest request = largest.get();
        List<Double> own = evidence.score(signed, request.rows()).orElse(List.of());
        int agree = 0;
        for (int i = 0; i < own.size(); i++) {
            agree += own.get(i).equals(request.predictions().get(i)) ? 1 : 0;
        }
        long churners = own.stream().filter(prediction -> prediction == 1.0).count();
        Map<String, Double> logged = metrics(run.get());
        Problems problems = new Problems();
        expectMetric(problems, "rows", size, logged);
        expectMetric(problems, "agreement", own.isEmpty() ? -1 : (double) agree / size, logged);
        expectMetric(problems, "predicted_churners", churners, logged);
        double endpointSeconds = logged.getOrDefault("endpoint_seconds", -1.0);
        problems.require(endpointSeconds >= request.executionMs() / 1000.0, String.format(Locale.ROOT, "expected "
                + "metric endpoint_seconds to be at least the %.3f s the endpoint itself took (execution_time_ms "
                + "%d), found %s", request.executionMs() / 1000.0, request.executionMs(),
                logged.containsKey("endpoint_seconds") ? endpointSeconds : "none"));
        problems.require(logged.getOrDefault("batch_seconds", 0.0) > 0, "expected metric batch_seconds, the time "
                + "the batch scoring took, found " + logged.getOrDefault("batch_seconds", 0.0));
        // the batch scoring's load: of the signed version, after the endpoint first served, before the run ended
        long served = evidence.churn().servedConfigs().get(0).path("end_time").asLong();
        long ended = run.get().getInfo().getEndTime() == 0 ? Long.MAX_VALUE : run.get().getInfo().getEndTime();
        List<ModelLoad> loads = evidence.loads().stream().filter(load -> evidence.model().equals(load.name())
                && signed.equals(load.version()) && load.time().toEpochMilli() >= served
                && load.time().toEpochMilli() <= ended).toList();
        problems.require(!loads.isEmpty(), "expected the batch scoring to load version " + signed + " of "
                + evidence.model() + " from the registry while the step ran (the runtime records every load), "
                + "found none");
        return problems.result(String.format(Locale.ROOT, "%d rows in one request, %d predicted churners, "
                + "agreement %.4f with version %s as the grader scores it; batch %.3f s, endpoint %.3f s",
                size, churners, (double) agree / size, signed, logged.getOrDefault("batch_seconds", 0.0),
                endpointSeconds));
    }

    private static CheckResult byKey(ServingEvidence evidence) {
        Optional<String> version = evidence.byKeyVersion();
        if (version.isEmpty()) {
            return CheckResult.failed("found no version of " + evidence.byKeyModel() + " from the run '" + BY_KEY_RUN
                    + "': the lab did not reach step 6");
        }
        ServedEndpoint endpoint = evidence.byKey();
        if (endpoint.endpoint().isEmpty()) {
            return CheckResult.failed("found no serving endpoint " + endpoint.name());
        }
        String entity = evidence.byKeyModel() + "/" + version.get();
        boolean served = endpoint.servedConfigs().stream().anyMatch(change -> {
            for (JsonNode servedEntity : change.path("config").path("served_entities")) {
                if ((servedEntity.path("entity_name").asText() + "/" + servedEntity.path("entity_version").asText())
                        .equals(entity)) {
                    return true;
                }
            }
            return false;
        });
        if (!served) {
            return CheckResult.failed("expected the endpoint " + endpoint.name() + " to serve version "
                    + version.get() + " of " + evidence.byKeyModel() + ", found it never did");
        }
        if (endpoint.tableName().isEmpty()) {
            return CheckResult.failed("expected the endpoint " + endpoint.name() + " to record requests in an "
                    + "inference table (table.config()), found none");
        }
        Optional<LoggedRequest> byKeys = evidence.requests(endpoint).stream().filter(LoggedRequest::answered)
                .filter(request -> request.rows().stream().allMatch(row -> row.keySet().equals(Set.of(KEY))))
                .max(Comparator.comparingInt(request -> request.rows().size()));
        int size = byKeys.map(request -> request.rows().size()).orElse(0);
        if (size < KEYS) {
            return CheckResult.failed("expected an answered request whose rows carry only " + KEY + ", at least "
                    + KEYS + " of them, found at most " + size);
        }
        List<String> keys = byKeys.get().rows().stream().map(row -> row.get(KEY).asText()).toList();
        Map<String, Double> own = evidence.scoreByKey(version.get(), keys);
        Problems problems = new Problems();
        int differ = 0;
        for (int i = 0; i < keys.size(); i++) {
            differ += byKeys.get().predictions().get(i).equals(own.get(keys.get(i))) ? 0 : 1;
        }
        problems.require(differ == 0, "expected each customer's answer to be the model's prediction for the "
                + "customer's latest features (the feature store's batch scoring), found " + differ + " of " + size
                + " differ");
        Set<String> sent = new HashSet<>(keys);
        List<String> mine = evidence.otherCustomers(sent, GRADER_ROWS);
        List<Double> answers = evidence.send(endpoint, Optional.empty(), mine.stream()
                .map(key -> Map.<String, Object>of(KEY, key)).toList());
        Map<String, Double> expected = evidence.scoreByKey(version.get(), mine);
        problems.require(answers.equals(mine.stream().map(expected::get).toList()), "expected the endpoint to "
                + "answer the grader's own " + mine.size() + " keys as the feature store's batch scoring does, "
                + "found otherwise");
        return problems.result(size + " customers scored by key alone as the feature store's batch scoring of version "
                + version.get() + " scores them; and " + mine.size() + " keys of the grader's own");
    }

    private static CheckResult skew(ServingEvidence evidence) {
        String signed = evidence.version(SIGNED).orElseThrow();
        Optional<Run> run = evidence.run(SKEW_RUN);
        if (run.isEmpty()) {
            return evidence.runs().missingRun(SKEW_RUN);
        }
        List<LoggedRequest> all = evidence.requests(evidence.churn());
        List<LoggedRequest> requests = all.stream().filter(LoggedRequest::answered).toList();
        List<Map<String, JsonNode>> before = requests.stream().filter(r -> r.from(APP) && !r.from(APP_FIXED))
                .flatMap(r -> r.rows().stream()).toList();
        if (before.isEmpty()) {
            return CheckResult.failed("found none of the app's requests (client_request_id " + APP + "...) in the "
                    + "inference table");
        }
        Map<String, double[]> training = evidence.trainingMoments();
        String skewed = null;
        double farthest = -1;
        double servingMean = 0;
        for (String feature : NUMERIC) {
            double mean = before.stream().map(row -> row.get(feature)).filter(v -> v != null && v.isNumber())
                    .mapToDouble(JsonNode::asDouble).average().orElse(Double.NaN);
            double shift = Math.abs(mean - training.get(feature)[0]) / training.get(feature)[1];
            if (shift > farthest) {
                farthest = shift;
                skewed = feature;
                servingMean = mean;
            }
        }
        if (skewed == null) {
            return CheckResult.failed("found no numeric feature in the app's requests to compare with training");
        }
        Map<String, Double> logged = metrics(run.get());
        Problems problems = new Problems();
        problems.expect("param skewed_feature", skewed, params(run.get()).get("skewed_feature"));
        expectMetric(problems, "training_mean", training.get(skewed)[0], logged);
        expectMetric(problems, "serving_mean", servingMean, logged);

        all.stream().filter(r -> r.from(APP_FIXED) && r.status() != 200).findFirst().ifPresent(refused ->
                problems.add("expected the app's fixed requests answered, found " + refused.clientRequestId()
                        + " refused with " + refused.status() + ": " + refused.message()));
        List<LoggedRequest> after = requests.stream().filter(r -> r.from(APP_FIXED)).toList();
        List<Map<String, JsonNode>> fixed = after.stream().flatMap(r -> r.rows().stream()).toList();
        if (fixed.isEmpty()) {
            problems.add("found none of the app's fixed requests (client_request_id " + APP_FIXED + "...) in the "
                    + "inference table");
            return problems.result("");
        }
        List<String> unlike = new ArrayList<>();
        for (Map<String, JsonNode> row : fixed) {
            Row customer = evidence.customers().get(row.get(KEY) == null ? "" : row.get(KEY).asText());
            for (String feature : FEATURES) {
                if (customer == null || !same(row.get(feature), customer.get(customer.fieldIndex(feature)))) {
                    unlike.add(feature);
                }
            }
        }
        Map<String, Long> unlikeByFeature = unlike.stream().collect(Collectors.groupingBy(f -> f,
                TreeMap::new, Collectors.counting()));
        problems.require(unlike.isEmpty(), "expected the app's fixed rows to carry each feature as the dataset "
                + "(and training) has it, found rows that differ in " + unlikeByFeature);
        List<Double> answered = after.stream().flatMap(r -> r.predictions().stream()).toList();
        problems.require(answered.equals(evidence.score(signed, fixed).orElse(List.of())), "expected the fixed "
                + "requests answered as version " + signed + " scores their rows");
        return problems.result(String.format(Locale.ROOT, "%s: training mean %.4f, the app's %.4f (%.1f training "
                + "standard deviations); %d fixed rows carry the dataset's values", skewed, training.get(skewed)[0],
                servingMean, farthest, fixed.size()));
    }

    /** Whether a request's value is the dataset's: equal text, numbers equal to a relative 1e-9, or both missing. */
    private static boolean same(JsonNode sent, Object expected) {
        if (sent == null || sent.isNull() || expected == null) {
            return (sent == null || sent.isNull()) && expected == null;
        }
        if (expected instanceof Number number) {
            return sent.isNumber() && Math.abs(sent.asDouble() - number.doubleValue())
                    <= 1e-9 * Math.max(1, Math.abs(number.doubleValue()));
        }
        return sent.isTextual() && sent.asText().equals(String.valueOf(expected));
    }

    private static void expectMetric(Problems problems, String key, double expected, Map<String, Double> logged) {
        Double found = logged.get(key);
        if (found == null || Math.abs(found - expected) > TOLERANCE * Math.max(1, Math.abs(expected))) {
            problems.add(String.format(Locale.ROOT, "expected metric %s = %.6f (recomputed by the grader), found %s",
                    key, expected, found == null ? "none" : found));
        }
    }

    private static String describe(List<LoggedSignature.Column> columns) {
        return columns.stream().map(column -> column.name() + ": " + column.type()).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Rows as the JSON a request carries them in. */
    private static List<Map<String, JsonNode>> json(List<Map<String, Object>> rows) {
        List<Map<String, JsonNode>> converted = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            row.forEach((column, value) -> values.put(column, JSON.valueToTree(value)));
            converted.add(values);
        }
        return converted;
    }
}
