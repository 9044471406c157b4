package org.mllabs.lab01;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.lab.LabContext;

/**
 * Lab 01, reference solution of the steps.
 */
final class TrackingSteps {

    private final LabContext context;
    private final MlflowClient mlflow;

    TrackingSteps(LabContext context) {
        this.context = context;
        this.mlflow = context.tracking();
    }

    /**
     * Step 1: returns the id of the experiment named {@code context.experimentName()}, created if it does not exist.
     */
    String createExperiment() {
        // DONE lab01.step1
        return mlflow.getExperimentByName(context.experimentName())
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> mlflow.createExperiment(context.experimentName()));
    }

    /** Step 2: starts the parent run of the sweep and returns its id. */
    String startParentRun(String experimentId) {
        // DONE lab01.step2
        String runId = startRun(experimentId, "regparam-sweep", context.runTags());
        mlflow.logParam(runId, "dataset", "customer_churn");
        mlflow.logParam(runId, "max_iter", String.valueOf(TrackingLab.MAX_ITER));
        return runId;
    }

    /** Step 3: logs one candidate as a finished child run of the parent and returns its id. */
    String logCandidate(String experimentId, String parentRunId, double regParam, int maxIter, double testAuc) {
        // DONE lab01.step3
        Map<String, String> tags = new LinkedHashMap<>(context.runTags());
        tags.put("mlflow.parentRunId", parentRunId);
        String runId = startRun(experimentId, "reg_param=" + regParam, tags);
        mlflow.logParam(runId, "reg_param", String.valueOf(regParam));
        mlflow.logParam(runId, "max_iter", String.valueOf(maxIter));
        mlflow.logMetric(runId, "test_auc", testAuc);
        mlflow.setTerminated(runId, RunStatus.FINISHED);
        return runId;
    }

    /** Step 4: logs the training loss after each iteration as the metric {@code train_loss} over steps. */
    void logLossCurve(String runId, double[] objectiveHistory) {
        // DONE lab01.step4
        long now = System.currentTimeMillis();
        for (int step = 0; step < objectiveHistory.length; step++) {
            mlflow.logMetric(runId, "train_loss", objectiveHistory[step], now, step);
        }
    }

    /** Step 5: tags the candidate run with its model family. */
    void tagRun(String runId) {
        // DONE lab01.step5
        mlflow.setTag(runId, "model_family", "logistic_regression");
    }

    /** Step 6: logs the candidate's coefficients as the artifact {@code coefficients.json}. */
    void logCoefficients(String runId, List<String> features, double[] coefficients) {
        // DONE lab01.step6
        Map<String, Double> byFeature = new LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            byFeature.put(features.get(i), coefficients[i]);
        }
        try {
            byte[] json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(byFeature);
            context.mlflow().artifacts().upload(runId, "coefficients.json", json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Step 7: finds the best candidate with a search and records it on the parent run, then finishes the parent. */
    void recordBest(String experimentId, String parentRunId) {
        // DONE lab01.step7
        List<Run> best = mlflow.searchRuns(List.of(experimentId),
                "tags.mlflow.parentRunId = '" + parentRunId + "'", ViewType.ACTIVE_ONLY, 1,
                List.of("metrics.test_auc DESC")).getItems();
        Run winner = best.get(0);
        double bestAuc = winner.getData().getMetricsList().stream()
                .filter(metric -> metric.getKey().equals("test_auc"))
                .findFirst().orElseThrow().getValue();
        mlflow.setTag(parentRunId, "best_run_id", winner.getInfo().getRunId());
        mlflow.logMetric(parentRunId, "best_test_auc", bestAuc);
        mlflow.setTerminated(parentRunId, RunStatus.FINISHED);
        context.log("Best candidate: " + winner.getInfo().getRunName() + " with test AUC " + bestAuc);
    }

    private String startRun(String experimentId, String name, Map<String, String> tags) {
        CreateRun.Builder request = CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(name)
                .setStartTime(System.currentTimeMillis());
        tags.forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        return mlflow.createRun(request.build()).getRunId();
    }
}
