package org.mllabs.graders.lab05;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SignatureBoundModel;
import org.mllabs.grading.evidence.UnscorableModelException;
import org.mllabs.runtime.datasets.DatasetValues;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What the MLflow server holds of a learner's lab 05, read once per grade: the run of each task, the keys of both sides
 * of its split counted against the dataset, and its logged model and baseline scored on the recorded test and training
 * rows (and the baseline run on held-out rows drawn from the grading seed). Spark starts when a check first scores a
 * model.
 */
final class EvaluationEvidence {

    /** Rows of held-out data each baseline is run on, to see that it predicts one value whatever the row. */
    static final int HELD_OUT_ROWS = 5_000;
    /** The artifact that lists the keys of a split's test rows, one a line after a header. */
    static final String TEST_KEYS = "split/test_keys.csv";
    /** The artifact that lists the keys of a split's training rows, one a line after a header. */
    static final String TRAIN_KEYS = "split/train_keys.csv";
    /** Where each run's model is logged. */
    static final String MODEL = "model";
    /** Where each run's baseline is logged. */
    static final String BASELINE = "baseline";

    private final LearnerRuns runs;
    private final Map<GradedTask, Map<String, String>> labels = new ConcurrentHashMap<>();
    private final Map<String, Optional<PipelineModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Optional<Map<GradedMetric, Double>>> scores = new ConcurrentHashMap<>();
    private final Map<GradedTask, Dataset<Row>> rows = new ConcurrentHashMap<>();
    private final Map<String, Optional<List<String>>> keys = new ConcurrentHashMap<>();

    /** A side of the recorded split. */
    enum Side {
        /** The test rows, which the metrics of steps 3 to 5 and 7 are computed on. */
        TEST,
        /** The training rows, whose metrics name a wrong value that is theirs. */
        TRAINING
    }
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private EvaluationEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static EvaluationEvidence of(GradingContext context) {
        return EvaluationGrader.STEPS.evidence(context, EvaluationEvidence.class, EvaluationEvidence::new);
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
        return runs.noRunNamed(task.runName()) + " (EvaluationLab starts it: run the lab)";
    }

    /** Each row's label in the dataset, by its key: its class, or its price. */
    Map<String, String> labels(GradedTask task) {
        return labels.computeIfAbsent(task, t -> DatasetValues.byKey(t.dataset(), t.datasetLabel()));
    }

    /**
     * The run's split: the keys of both sides it logged (of the test side only, when the training side's are missing),
     * counted against the dataset; empty when it logged no test keys.
     */
    Optional<KeyedSplit> split(GradedTask task, Run run) {
        return keys(run, TEST_KEYS).map(test -> keys(run, TRAIN_KEYS)
                .map(train -> KeyedSplit.of(labels(task), train, test))
                .orElseGet(() -> KeyedSplit.of(labels(task), test)));
    }

    /** The keys an artifact lists, one a line after its header, read once; empty when the run has no such artifact. */
    private Optional<List<String>> keys(Run run, String artifact) {
        return keys.computeIfAbsent(RunData.id(run) + "/" + artifact,
                path -> runs.artifact(run, artifact).map(EvaluationEvidence::keysAfterHeader));
    }

    private static List<String> keysAfterHeader(byte[] csv) {
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        return lines.subList(Math.min(1, lines.size()), lines.size());
    }

    /**
     * The labels of the training rows the run recorded: of each key {@value #TRAIN_KEYS} lists that is a row of the
     * dataset with a label; empty when the run recorded no training keys.
     */
    Optional<List<String>> trainingLabels(GradedTask task, Run run) {
        return keys(run, TRAIN_KEYS).map(train -> train.stream().map(labels(task)::get)
                .filter(label -> label != null && !label.isBlank()).toList());
    }

    /** How many rows the run lists on its test side; 0 when it recorded none. */
    long testRows(Run run) {
        return keys(run, TEST_KEYS).map(List::size).orElse(0);
    }

    /** Every row of the task's dataset, with the label the evaluators read. */
    Dataset<Row> rows(GradedTask task) {
        return rows.computeIfAbsent(task, t -> t.labelled(runs.dataset(t.dataset())).cache());
    }

    /**
     * The rows of a side of the split the run recorded: the keys it lists; for the training side, when its keys are
     * not recorded, every row not on the test side. Empty when the run recorded no test keys.
     */
    Optional<Dataset<Row>> rows(GradedTask task, Run run, Side side) {
        Optional<RecordedSplit> test = keys(run, TEST_KEYS).map(RecordedSplit::of);
        if (test.isEmpty()) {
            return Optional.empty();
        }
        String key = task.dataset().keyColumn();
        if (side == Side.TEST) {
            return Optional.of(test.get().rowsOf(rows(task), key));
        }
        return Optional.of(keys(run, TRAIN_KEYS).map(RecordedSplit::of)
                .map(train -> train.rowsOf(rows(task), key))
                .orElseGet(() -> test.get().otherRowsOf(rows(task), key)));
    }

    /** What is missing when a model cannot be scored on the recorded split: the model, or the test keys. */
    String nothingToScore(Run run, String artifactPath) {
        return model(run, artifactPath).isEmpty() ? "no model under " + artifactPath + "/ to score"
                : "no " + TEST_KEYS + " to score " + artifactPath + "/ on";
    }

    /** Held-out rows drawn from the grading seed, with the label the evaluators read: for running a baseline. */
    Dataset<Row> heldOut(GradedTask task) {
        return task.labelled(runs.heldOut(task.dataset(), HELD_OUT_ROWS));
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
     * Every metric of the task for the model the run logged under the artifact path, on a side of the recorded split;
     * empty when there is no model there or no recorded split.
     *
     * @throws UnscorableModelException when the model cannot predict the rows given only its signature's inputs
     * @throws IllegalStateException if an evaluator cannot score the model's output, saying why
     */
    Optional<Map<GradedMetric, Double>> scores(GradedTask task, Run run, String artifactPath, Side side) {
        return scores.computeIfAbsent(RunData.id(run) + "/" + artifactPath + "/" + side, key -> {
            Optional<PipelineModel> model = model(run, artifactPath);
            Optional<Dataset<Row>> sideRows = rows(task, run, side);
            return model.isEmpty() || sideRows.isEmpty() ? Optional.empty()
                    : Optional.of(score(task, model.get(), sideRows.get(), artifactPath));
        });
    }

    private static Map<GradedMetric, Double> score(GradedTask task, PipelineModel model, Dataset<Row> rows,
                                                   String artifactPath) {
        Dataset<Row> predictions = SignatureBoundModel.score(model, rows, task.labels()).cache();
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
            Dataset<Row> output = SignatureBoundModel.score(model, heldOut(task), task.labels());
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
