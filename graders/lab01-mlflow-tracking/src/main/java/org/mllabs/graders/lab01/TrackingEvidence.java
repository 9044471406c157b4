package org.mllabs.graders.lab01;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.model.SparkModels;

/**
 * What the MLflow server holds of a learner's lab 01, read on first use and kept for the other checks.
 */
final class TrackingEvidence {

    static final String PARENT_RUN_NAME = "regparam-sweep";
    /** Rows of held-out data the candidates' models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;
    private static final int MAX_CHILDREN = 1000;

    private final GradingContext context;
    private final MlflowClient tracking;
    private Optional<Experiment> experiment;
    private Optional<Run> parent;
    private List<Run> children;
    private Dataset<Row> heldOut;
    private final Map<String, List<Metric>> histories = new HashMap<>();

    private TrackingEvidence(GradingContext context) {
        this.context = context;
        this.tracking = context.mlflow().client();
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static TrackingEvidence of(GradingContext context) {
        return context.evidence(TrackingEvidence.class, () -> new TrackingEvidence(context));
    }

    String experimentName() {
        return context.experimentName("lab01");
    }

    String learner() {
        return context.learner().value();
    }

    /** The learner's active lab 01 experiment. */
    Optional<Experiment> experiment() {
        if (experiment == null) {
            experiment = context.mlflow().activeExperiment(experimentName());
        }
        return experiment;
    }

    /** The newest run named {@value #PARENT_RUN_NAME} that is not itself a child run. */
    Optional<Run> parent() {
        if (parent == null) {
            parent = experiment().flatMap(e -> tracking.searchRuns(List.of(e.getExperimentId()),
                            "attributes.run_name = '" + PARENT_RUN_NAME + "'", ViewType.ACTIVE_ONLY, 50,
                            List.of("attributes.start_time DESC"))
                    .getItems().stream()
                    .filter(run -> !tags(run).containsKey("mlflow.parentRunId"))
                    .findFirst());
        }
        return parent;
    }

    /** The child runs of the parent, oldest first. */
    List<Run> children() {
        if (children == null) {
            children = parent().map(p -> tracking.searchRuns(List.of(p.getInfo().getExperimentId()),
                                    "tags.mlflow.parentRunId = '" + p.getInfo().getRunId() + "'", ViewType.ACTIVE_ONLY,
                                    MAX_CHILDREN, List.of("attributes.start_time ASC"))
                            .getItems())
                    .orElse(List.of());
        }
        return children;
    }

    long seed() {
        return context.seed();
    }

    /**
     * The AUC of the model the run logged under {@code model/}, on held-out data drawn from the grading seed; empty
     * when the run has no model. Starts Spark on first use.
     */
    Optional<Double> heldOutAuc(Run run) {
        Dataset<Row> data = heldOut();
        PipelineModel model;
        try {
            model = new SparkModels(context.mlflow(), context.spark().modelDownloads())
                    .load("runs:/" + run.getInfo().getRunId() + "/model");
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new BinaryClassificationEvaluator()
                .setLabelCol(LabDataset.CUSTOMER_CHURN.labelColumn())
                .setMetricName("areaUnderROC")
                .evaluate(model.transform(data)));
    }

    private Dataset<Row> heldOut() {
        if (heldOut == null) {
            heldOut = context.spark().heldOut(LabDataset.CUSTOMER_CHURN, context.seed(), HELD_OUT_ROWS)
                    .na().drop(TrackingGrader.FEATURES.toArray(String[]::new));
        }
        return heldOut;
    }

    /** Names of the learner's other experiments, to show in a hint. */
    List<String> otherExperimentNames() {
        return tracking.searchExperiments("name LIKE '" + context.learner().experimentFolder() + "%'").getItems().stream()
                .map(Experiment::getName).sorted().limit(5).toList();
    }

    /** A metric's history, ordered by step; read once a run and key. */
    List<Metric> history(Run run, String key) {
        return histories.computeIfAbsent(run.getInfo().getRunId() + "/" + key,
                runAndKey -> tracking.getMetricHistory(run.getInfo().getRunId(), key).stream()
                        .sorted(Comparator.comparingLong(Metric::getStep)).toList());
    }

    /** A file the run logged as an artifact, or empty when there is none. */
    Optional<byte[]> artifact(Run run, String path) {
        try {
            return Optional.of(context.mlflow().artifacts().download(run.getInfo().getRunId(), path));
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static Map<String, String> params(Run run) {
        return run.getData().getParamsList().stream()
                .collect(Collectors.toMap(p -> p.getKey(), p -> p.getValue(), (a, b) -> b));
    }

    static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream()
                .collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue(), (a, b) -> b));
    }

    static Map<String, Double> metrics(Run run) {
        return run.getData().getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getKey, Metric::getValue, (a, b) -> b));
    }

    static String name(Run run) {
        return run.getInfo().getRunName().isEmpty() ? run.getInfo().getRunId() : run.getInfo().getRunName();
    }
}
