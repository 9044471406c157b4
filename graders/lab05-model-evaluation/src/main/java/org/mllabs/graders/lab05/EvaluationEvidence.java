package org.mllabs.graders.lab05;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.KeyedSplit;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.datasets.DatasetValues;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What the MLflow server holds of a learner's lab 05, read once per grade: the run of each task, the test keys of its
 * split counted against the dataset, and its logged model and baseline scored on held-out data drawn from the grading
 * seed. Spark starts when a check first scores a model.
 */
final class EvaluationEvidence {

    /** Rows of held-out data each model is scored on. */
    static final int HELD_OUT_ROWS = 5_000;
    /** The artifact that lists the keys of a stratified split's test rows. */
    static final String TEST_KEYS = "split/test_keys.csv";
    /** Where each run's model is logged. */
    static final String MODEL = "model";
    /** Where each run's baseline is logged. */
    static final String BASELINE = "baseline";

    private final LearnerRuns runs;
    private final Map<GradedTask, Map<String, String>> labels = new ConcurrentHashMap<>();
    private final Map<String, Optional<PipelineModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Optional<Map<GradedMetric, Double>>> scores = new ConcurrentHashMap<>();
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private EvaluationEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks. */
    static EvaluationEvidence of(GradingContext context) {
        return context.evidence(EvaluationEvidence.class,
                () -> new EvaluationEvidence(LearnerRuns.of(context, "lab05")));
    }

    /** The learner's runs of lab 05. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest run of the task. */
    Optional<Run> run(GradedTask task) {
        return runs.newestTopLevelRun(task.runName());
    }

    /** What to say when the task's run is missing. */
    String noRun(GradedTask task) {
        return "found no run named " + task.runName() + " in " + runs.experimentName()
                + " (EvaluationLab starts it: run the lab)";
    }

    /** Each row's label in the dataset, by its key: its class, or its price. */
    Map<String, String> labels(GradedTask task) {
        return labels.computeIfAbsent(task, t -> DatasetValues.byKey(t.dataset(), t.datasetLabel()));
    }

    /** The run's split: the test keys it logged, counted against the dataset; empty when it logged none. */
    Optional<KeyedSplit> split(GradedTask task, Run run) {
        return runs.artifact(run, TEST_KEYS).map(bytes -> {
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
            return KeyedSplit.of(labels(task), lines.subList(Math.min(1, lines.size()), lines.size()));
        });
    }

    /** The held-out rows the task's models are scored on, with the label the evaluators read. */
    Dataset<Row> heldOut(GradedTask task) {
        return task.labelled(runs.heldOut(task.dataset(), HELD_OUT_ROWS));
    }

    /** Says which held-out rows a score comes from. */
    String heldOutDescription() {
        return String.format(Locale.ROOT, "%d held-out rows (grading seed %d)", HELD_OUT_ROWS,
                runs.context().seed());
    }

    /**
     * The model the run logged under the artifact path; empty when there is none. Starts Spark, and then loads every
     * task's model and baseline in the background, since the checks score them all.
     */
    Optional<PipelineModel> model(Run run, String artifactPath) {
        if (!preloaded.getAndSet(true)) {
            List<Run> taskRuns = Arrays.stream(GradedTask.values()).map(this::run).flatMap(Optional::stream).toList();
            runs.preload(taskRuns, MODEL);
            runs.preload(taskRuns, BASELINE);
        }
        return models.computeIfAbsent(RunData.id(run) + "/" + artifactPath, key -> runs.model(run, artifactPath));
    }

    /**
     * Every metric of the task for the model the run logged under the artifact path, on the held-out rows; empty when
     * there is no model there.
     *
     * @throws IllegalStateException if an evaluator cannot score the model's output, saying why
     */
    Optional<Map<GradedMetric, Double>> scores(GradedTask task, Run run, String artifactPath) {
        return scores.computeIfAbsent(RunData.id(run) + "/" + artifactPath, key -> model(run, artifactPath)
                .map(model -> score(task, model, artifactPath)));
    }

    private Map<GradedMetric, Double> score(GradedTask task, PipelineModel model, String artifactPath) {
        Dataset<Row> predictions = model.transform(heldOut(task)).cache();
        try {
            Map<GradedMetric, Double> scored = new EnumMap<>(GradedMetric.class);
            for (GradedMetric metric : task.metrics()) {
                try {
                    scored.put(metric, metric.evaluator(task.labelColumn()).evaluate(predictions));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(artifactPath + "/ cannot be scored for " + metric.key() + " by "
                            + metric.evaluator(task.labelColumn()).getClass().getSimpleName() + ": "
                            + e.getMessage(), e);
                }
            }
            return scored;
        } finally {
            predictions.unpersist();
        }
    }

    /**
     * What the baseline the run logged predicts on the held-out rows: up to three distinct predictions, and whether
     * it writes a score the binary evaluator reads, with up to three distinct scores; empty when there is no baseline.
     */
    Optional<BaselineOutput> baselineOutput(GradedTask task, Run run) {
        return model(run, BASELINE).map(model -> {
            Dataset<Row> output = model.transform(heldOut(task));
            if (!Arrays.asList(output.columns()).contains("prediction")) {
                return new BaselineOutput(List.of(), Optional.empty());
            }
            List<Double> predictions = output.select("prediction").distinct().limit(3).collectAsList().stream()
                    .map(row -> row.isNullAt(0) ? Double.NaN : ((Number) row.get(0)).doubleValue()).toList();
            Optional<Long> scores = Arrays.asList(output.columns()).contains("rawPrediction")
                    ? Optional.of(output.select("rawPrediction").distinct().limit(3).count()) : Optional.empty();
            return new BaselineOutput(predictions, scores);
        });
    }

    /**
     * What a baseline predicts.
     *
     * @param predictions its distinct predictions on the held-out rows, at most three; none without a prediction
     *     column
     * @param distinctScores how many distinct {@code rawPrediction} scores it writes, at most three; empty without
     *     that column
     */
    record BaselineOutput(List<Double> predictions, Optional<Long> distinctScores) {
    }
}
