package org.mllabs.lab12;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.stddev_pop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingApiException;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 12, reference solution of the steps.
 */
final class ServingSteps {

    private final LabContext context;
    private final ServingClient serving;

    ServingSteps(LabContext context) {
        this.context = context;
        this.serving = context.serving();
    }

    /**
     * Step 1: logs the fitted pipeline in a run {@value RealtimeServingLab#SIGNED} with a signature inferred from the
     * columns it reads and the prediction it returns, and in a run {@value RealtimeServingLab#UNSIGNED} without one;
     * registers both as versions of {@code model}; returns their versions, signed first.
     */
    List<String> logWithAndWithoutSignature(String model, PipelineModel pipeline, Dataset<Row> training) {
        // DONE lab12.step1
        StructType inputs = training.select(RealtimeServingLab.FEATURES.stream().map(training::col)
                .toArray(Column[]::new)).schema();
        StructType outputs = pipeline.transform(training.limit(1)).select("prediction").schema();
        ModelSignature signature = ModelSignature.infer(inputs, outputs);
        List<String> versions = new ArrayList<>();
        LabRuns runs = new LabRuns(context);
        for (String runName : List.of(RealtimeServingLab.SIGNED, RealtimeServingLab.UNSIGNED)) {
            String runId = runs.start(runName);
            context.models().log(runId, "model", pipeline,
                    runName.equals(RealtimeServingLab.SIGNED) ? signature : null);
            runs.end(runId, RunStatus.FINISHED);
            versions.add(context.catalog().registerVersion(model, runId, "model").version());
        }
        return versions;
    }

    /**
     * Step 2: creates the endpoint serving both versions, {@value RealtimeServingLab#SIGNED} with all the traffic and
     * {@value RealtimeServingLab#UNSIGNED} with none, recording in the inference table; waits until it is ready.
     */
    void serveBoth(String endpoint, String model, List<String> versions, InferenceTable table) {
        // DONE lab12.step2
        serving.create(endpoint, table.config()
                .servedEntity(RealtimeServingLab.SIGNED, model, versions.get(0))
                .servedEntity(RealtimeServingLab.UNSIGNED, model, versions.get(1))
                .route(RealtimeServingLab.SIGNED, 100).route(RealtimeServingLab.UNSIGNED, 0));
        serving.awaitReady(endpoint, RealtimeServingLab.READY_TIMEOUT);
    }

    /**
     * Step 3: sends the same rows to the signed version in each of MLflow's four formats; returns each format's
     * predictions.
     */
    Map<String, List<Double>> sendEveryFormat(String endpoint, List<Map<String, Object>> rows) {
        // DONE lab12.step3
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        List<List<Object>> values = rows.stream().map(row -> columns.stream().map(row::get).toList()).toList();
        Map<String, List<Object>> byColumn = new LinkedHashMap<>();
        columns.forEach(column -> byColumn.put(column, rows.stream().map(row -> row.get(column)).toList()));
        Map<String, List<Double>> predictions = new LinkedHashMap<>();
        predictions.put("dataframe_split", signed(endpoint, ServingClient.dataframeSplit(columns, values)));
        predictions.put("dataframe_records", signed(endpoint, ServingClient.dataframeRecords(rows)));
        predictions.put("instances", signed(endpoint, ServingClient.instances(rows)));
        predictions.put("inputs", signed(endpoint, ServingClient.inputs(byColumn)));
        return predictions;
    }

    /**
     * Step 4: sends each version the row without {@code monthly_charges}, and the row with {@code tenure_months} a
     * word; logs, in a run {@value RealtimeServingLab#BAD_REQUESTS_RUN}, the status each answered, and each one's
     * message for the missing column.
     */
    void probeBadRequests(String endpoint, Map<String, Object> row) {
        // DONE lab12.step4
        Map<String, Object> missing = new LinkedHashMap<>(row);
        missing.remove("monthly_charges");
        Map<String, Object> wrongType = new LinkedHashMap<>(row);
        wrongType.put("tenure_months", "twelve");
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RealtimeServingLab.BAD_REQUESTS_RUN);
        for (String entity : List.of(RealtimeServingLab.SIGNED, RealtimeServingLab.UNSIGNED)) {
            ServingApiException missingAnswer = refusal(endpoint, entity, missing);
            ServingApiException wrongTypeAnswer = refusal(endpoint, entity, wrongType);
            context.tracking().logParam(runId, entity + "_missing_column_status",
                    String.valueOf(missingAnswer == null ? 200 : missingAnswer.status()));
            context.tracking().logParam(runId, entity + "_wrong_type_status",
                    String.valueOf(wrongTypeAnswer == null ? 200 : wrongTypeAnswer.status()));
            if (missingAnswer != null) {
                context.tracking().logParam(runId, entity + "_missing_column_message",
                        missingAnswer.serviceMessage());
            }
        }
        runs.end(runId, RunStatus.FINISHED);
    }

    /**
     * Step 5: scores the rows with the signed version loaded from the registry (batch) and in one request to the
     * endpoint, and logs, in a run {@value RealtimeServingLab#BATCH_RUN}, how many rows, how long each took, the
     * share of rows where both agree, and how many churners the endpoint predicted.
     */
    void batchVersusEndpoint(String endpoint, String model, String version, Dataset<Row> rows) {
        // DONE lab12.step5
        long start = System.nanoTime();
        PipelineModel loaded = context.models().load("models:/" + model + "/" + version);
        List<Double> batch = loaded.transform(rows).select("prediction").collectAsList().stream()
                .map(row -> row.getDouble(0)).toList();
        double batchSeconds = (System.nanoTime() - start) / 1e9;

        List<String> columns = List.of(rows.columns());
        List<List<Object>> values = rows.collectAsList().stream()
                .map(row -> columns.stream().map(column -> (Object) row.getAs(column)).toList()).toList();
        start = System.nanoTime();
        List<Double> online = signed(endpoint, ServingClient.dataframeSplit(columns, values));
        double endpointSeconds = (System.nanoTime() - start) / 1e9;

        int agree = 0;
        for (int i = 0; i < batch.size(); i++) {
            agree += batch.get(i).equals(online.get(i)) ? 1 : 0;
        }
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RealtimeServingLab.BATCH_RUN);
        context.tracking().logMetric(runId, "rows", online.size());
        context.tracking().logMetric(runId, "batch_seconds", batchSeconds);
        context.tracking().logMetric(runId, "endpoint_seconds", endpointSeconds);
        context.tracking().logMetric(runId, "agreement", (double) agree / online.size());
        context.tracking().logMetric(runId, "predicted_churners", online.stream().filter(p -> p == 1.0).count());
        runs.end(runId, RunStatus.FINISHED);
    }

    /**
     * Step 6: publishes the feature table to the online store, creates the endpoint serving the feature-store model's
     * version, recording in its own inference table, and scores the customers by key alone, in one request; returns
     * the predictions.
     */
    List<Double> serveByKey(FeatureStore store, String endpoint, String model, String version, List<String> keys,
                            InferenceTable table) {
        // DONE lab12.step6
        store.publishTable(RealtimeServingLab.FEATURE_TABLE);
        serving.create(endpoint, table.config().servedEntity("by-key", model, version));
        serving.awaitReady(endpoint, RealtimeServingLab.READY_TIMEOUT);
        List<Map<String, Object>> rows = keys.stream()
                .map(key -> Map.<String, Object>of(RealtimeServingLab.KEY, key)).toList();
        return serving.invoke(endpoint, ServingClient.dataframeRecords(rows)).stream().map(JsonNode::asDouble)
                .toList();
    }

    /**
     * Step 7, finding the skew: compares each numeric feature of the app's requests with the training rows, names the
     * one whose mean moved farthest in training standard deviations, logs it with both means in a run
     * {@value RealtimeServingLab#SKEW_RUN}, and returns it.
     */
    String findSkew(Dataset<Row> appRows, Dataset<Row> training) {
        // DONE lab12.step7
        String skewed = null;
        double farthest = -1;
        double[] means = new double[2];
        for (String feature : RealtimeServingLab.NUMERIC) {
            Row trained = training.agg(avg(col(feature)), stddev_pop(col(feature))).first();
            double served = appRows.agg(avg(col(feature))).first().getDouble(0);
            double shift = Math.abs(served - trained.getDouble(0)) / trained.getDouble(1);
            if (shift > farthest) {
                farthest = shift;
                skewed = feature;
                means = new double[] {trained.getDouble(0), served};
            }
        }
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RealtimeServingLab.SKEW_RUN);
        context.tracking().logParam(runId, "skewed_feature", skewed);
        context.tracking().logMetric(runId, "training_mean", means[0]);
        context.tracking().logMetric(runId, "serving_mean", means[1]);
        runs.end(runId, RunStatus.FINISHED);
        return skewed;
    }

    /** Step 7, the fix: the app's request row as the model was trained on it, the monthly charge in euros. */
    Map<String, Object> fixRequest(Map<String, Object> appRow) {
        // DONE lab12.step7
        Map<String, Object> fixed = new LinkedHashMap<>(appRow);
        Object cents = appRow.get("monthly_charges");
        fixed.put("monthly_charges", cents == null ? null : ((Number) cents).doubleValue() / 100);
        return fixed;
    }

    /** The signed version's predictions for a request, whatever the routes say. */
    private List<Double> signed(String endpoint, ObjectNode body) {
        return serving.invokeEntity(endpoint, RealtimeServingLab.SIGNED, body).stream().map(JsonNode::asDouble)
                .toList();
    }

    /** What the entity answered the row: its refusal, or null when it scored it. */
    private ServingApiException refusal(String endpoint, String entity, Map<String, Object> row) {
        try {
            serving.invokeEntity(endpoint, entity, ServingClient.dataframeRecords(List.of(row)));
            return null;
        } catch (ServingApiException e) {
            if (e.unreachable()) {
                throw e;
            }
            return e;
        }
    }
}
