package org.mllabs.lab12;

import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 12, the steps: a model served with and without a signature, probed, compared with batch scoring; a
 * feature-store model scored by key; a training-serving skew found and fixed. {@code serving} is the serving
 * service's client: {@code create}, {@code awaitReady}, {@code invoke} (routed by the traffic routes),
 * {@code invokeEntity} (one served entity), and the bodies {@code ServingClient.dataframeSplit},
 * {@code dataframeRecords}, {@code instances}, {@code inputs}. {@code context.models()} logs and loads Spark models,
 * {@code context.catalog()} registers versions, {@code context.tracking()} logs params and metrics.
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
        // TODO lab12.step1
        throw new StepNotDoneException("lab12.step1", "log the pipeline in a run 'signed' with "
                + "ModelSignature.infer(<the columns it reads>, <its prediction column>) and in a run 'unsigned' "
                + "with none, and register both versions.");
    }

    /**
     * Step 2: creates the endpoint serving both versions, {@value RealtimeServingLab#SIGNED} with all the traffic and
     * {@value RealtimeServingLab#UNSIGNED} with none, recording in the inference table; waits until it is ready.
     */
    void serveBoth(String endpoint, String model, List<String> versions, InferenceTable table) {
        // TODO lab12.step2
        throw new StepNotDoneException("lab12.step2", "create the endpoint with table.config(), the served "
                + "entities 'signed' and 'unsigned', routes 100 and 0, and wait until it is ready.");
    }

    /**
     * Step 3: sends the same rows to the signed version in each of MLflow's four formats; returns each format's
     * predictions.
     */
    Map<String, List<Double>> sendEveryFormat(String endpoint, List<Map<String, Object>> rows) {
        // TODO lab12.step3
        throw new StepNotDoneException("lab12.step3", "send the rows to the entity 'signed' as dataframe_split, "
                + "dataframe_records, instances and inputs.");
    }

    /**
     * Step 4: sends each version the row without {@code monthly_charges}, and the row with {@code tenure_months} a
     * word; logs, in a run {@value RealtimeServingLab#BAD_REQUESTS_RUN}, the status each answered, and each one's
     * message for the missing column.
     */
    void probeBadRequests(String endpoint, Map<String, Object> row) {
        // TODO lab12.step4
        throw new StepNotDoneException("lab12.step4", "send both bad rows to each entity, catch the "
                + "ServingApiException, and log the statuses and the missing column's messages in a run "
                + RealtimeServingLab.BAD_REQUESTS_RUN + ".");
    }

    /**
     * Step 5: scores the rows with the signed version loaded from the registry (batch) and in one request to the
     * endpoint, and logs, in a run {@value RealtimeServingLab#BATCH_RUN}, how many rows, how long each took, the
     * share of rows where both agree, and how many churners the endpoint predicted.
     */
    void batchVersusEndpoint(String endpoint, String model, String version, Dataset<Row> rows) {
        // TODO lab12.step5
        throw new StepNotDoneException("lab12.step5", "score the rows with models:/<model>/<version> and with one "
                + "request to the endpoint, and log rows, batch_seconds, endpoint_seconds, agreement and "
                + "predicted_churners in a run " + RealtimeServingLab.BATCH_RUN + ".");
    }

    /**
     * Step 6: publishes the feature table to the online store, creates the endpoint serving the feature-store model's
     * version, recording in its own inference table, and scores the customers by key alone, in one request; returns
     * the predictions.
     */
    List<Double> serveByKey(FeatureStore store, String endpoint, String model, String version, List<String> keys,
                            InferenceTable table) {
        // TODO lab12.step6
        throw new StepNotDoneException("lab12.step6", "publish " + RealtimeServingLab.FEATURE_TABLE + ", serve the "
                + "version on the endpoint with table.config(), and send one request whose rows carry only "
                + "customer_id.");
    }

    /**
     * Step 7, finding the skew: compares each numeric feature of the app's requests with the training rows, names the
     * one whose mean moved farthest in training standard deviations, logs it with both means in a run
     * {@value RealtimeServingLab#SKEW_RUN}, and returns it.
     */
    String findSkew(Dataset<Row> appRows, Dataset<Row> training) {
        // TODO lab12.step7
        throw new StepNotDoneException("lab12.step7", "find the numeric feature whose mean in the app's requests "
                + "is farthest from training, and log skewed_feature, training_mean and serving_mean in a run "
                + RealtimeServingLab.SKEW_RUN + ".");
    }

    /** Step 7, the fix: the app's request row as the model was trained on it. */
    Map<String, Object> fixRequest(Map<String, Object> appRow) {
        // TODO lab12.step7
        throw new StepNotDoneException("lab12.step7", "return the row with the skewed feature as training "
                + "computed it.");
    }
}
