package org.mllabs.graders.lab04;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LogisticRefit;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.ArtifactFile;
import org.mllabs.runtime.mlflow.MlflowApiException;

/**
 * What the MLflow server holds of a learner's lab 04: for each {@link Tuner}, the newest parent run of its name, the
 * grid it logged ({@value #PARAM_GRID_FILE}), its child runs read as {@link Candidate}s, and the best model logged
 * under {@value #MODEL_PATH}, loaded and scored on held-out data once for the grade; the folds each tuner drew, as the
 * given code recorded their validation rows' keys under {@value #VALIDATION_KEYS_DIRECTORY}/; and the grader's own
 * measure of grid points on those folds, the tuner's metric recomputed ({@link #foldAuc}), for the sample of
 * candidates whose metric it checks.
 */
final class TuningEvidence {

    static final String PARAM_GRID_FILE = "param_grid.json";
    static final String MODEL_PATH = "model";
    /** The candidates' metric on the child runs. */
    static final String METRIC = "auc";
    /** Rows of held-out data the best models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;
    /** The artifact directory of each parent run with one file of validation keys a fold, written by the given code. */
    static final String VALIDATION_KEYS_DIRECTORY = "validation_keys";
    static final String KEY_COLUMN = "customer_id";
    /** How far a recorded fold's share of the rows may be from the share the tuner's settings give. */
    static final double FOLD_SHARE_TOLERANCE = 0.03;
    /** The lab's iterations of the optimiser, the same for every candidate. */
    static final int MAX_ITER = 10;
    static final LogisticRefit REFIT = new LogisticRefit(TuningGrader.FEATURES,
            LabDataset.CUSTOMER_CHURN.labelColumn());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LearnerRuns runs;
    private final Map<String, Optional<List<JsonNode>>> grids = new ConcurrentHashMap<>();
    private final Map<String, Optional<PipelineModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Optional<Double>> heldOutAucs = new ConcurrentHashMap<>();
    private final Map<String, List<RecordedSplit>> folds = new ConcurrentHashMap<>();
    private final Map<List<String>, Dataset<Row>[]> foldParts = new ConcurrentHashMap<>();
    private final Map<String, Double> foldAucs = new ConcurrentHashMap<>();
    private final Map<String, List<Candidate>> misaligned = new ConcurrentHashMap<>();
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private TuningEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static TuningEvidence of(GradingContext context) {
        return TuningGrader.STEPS.evidence(context, TuningEvidence.class, TuningEvidence::new);
    }

    /** The learner's runs of lab 04. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run named after the tuner. */
    Optional<Run> parent(Tuner tuner) {
        return runs.newestTopLevelRun(tuner.runName());
    }

    /** The child runs of the parent, oldest first. */
    List<Run> children(Run parent) {
        return runs.children(parent);
    }

    /** The children that name a grid point and carry an {@value #METRIC}, oldest first. */
    List<Candidate> candidates(Run parent) {
        List<Candidate> candidates = new ArrayList<>();
        for (Run child : children(parent)) {
            Double auc = metrics(child).get(METRIC);
            GridPoint.fromParams(params(child), "")
                    .filter(point -> auc != null)
                    .ifPresent(point -> candidates.add(new Candidate(child, point, auc)));
        }
        return candidates;
    }

    /**
     * The grid the parent's tuner searched, one JSON object a grid point, as the given code logged it in
     * {@value #PARAM_GRID_FILE}; empty when the file is missing.
     *
     * @throws IllegalStateException when the file is not a JSON array
     */
    Optional<List<JsonNode>> grid(Run parent) {
        return grids.computeIfAbsent(id(parent), runId -> runs.artifact(parent, PARAM_GRID_FILE).map(bytes -> {
            try {
                JsonNode json = JSON.readTree(bytes);
                if (json == null || !json.isArray()) {
                    throw new IllegalStateException(PARAM_GRID_FILE + " is not a JSON array");
                }
                List<JsonNode> points = new ArrayList<>();
                json.forEach(points::add);
                return points;
            } catch (IOException e) {
                throw new IllegalStateException(PARAM_GRID_FILE + " is not JSON: " + e.getMessage(), e);
            }
        }));
    }

    /**
     * The model logged under {@value #MODEL_PATH} of the parent run; starts Spark on first use, and then loads the
     * other tuner's model in the background, since the checks score both.
     */
    Optional<PipelineModel> bestModel(Run parent) {
        if (!preloaded.getAndSet(true)) {
            runs.preload(Arrays.stream(Tuner.values()).map(this::parent).flatMap(Optional::stream).toList(),
                    MODEL_PATH);
        }
        return models.computeIfAbsent(id(parent), runId -> runs.model(parent, MODEL_PATH));
    }

    /**
     * The area under the ROC curve of the parent's best model on held-out rows drawn from the grading seed; empty
     * when there is no model.
     */
    Optional<Double> heldOutAuc(Run parent) {
        return heldOutAucs.computeIfAbsent(id(parent), runId -> bestModel(parent).map(model -> REFIT.auc(model,
                heldOutRows())));
    }

    /**
     * The validation keys the given code recorded for the parent's tuner, one split a fold in the folds' order; empty
     * when there are none.
     */
    List<RecordedSplit> folds(Run parent) {
        return folds.computeIfAbsent(id(parent), runId -> foldFiles(runId).stream()
                .map(file -> runs.artifact(parent, file.path()).map(RecordedSplit::parse))
                .flatMap(Optional::stream).toList());
    }

    private List<ArtifactFile> foldFiles(String runId) {
        try {
            return runs.context().mlflow().artifacts().list(runId, VALIDATION_KEYS_DIRECTORY).stream()
                    .filter(file -> !file.isDir() && file.path().endsWith(".txt"))
                    .sorted(Comparator.comparing(ArtifactFile::path)).toList();
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * What keeps the grader from recomputing the tuner's metrics on the parent's recorded folds: none recorded, or a
     * fold that is not a proper share of the churn rows (unknown or repeated keys, a share other than one over the
     * number of folds for the cross-validation, or one minus {@code train_ratio} for the split). Empty when the folds
     * can be used. Starts Spark.
     */
    Optional<String> foldProblem(Tuner tuner, Run parent) {
        List<RecordedSplit> recorded = folds(parent);
        if (recorded.isEmpty()) {
            return Optional.of("no validation keys under " + VALIDATION_KEYS_DIRECTORY + "/ to recompute the metrics "
                    + "on (the given TuningLab records the folds the tuner draws)");
        }
        Optional<Double> share = tuner == Tuner.CROSS_VALIDATION ? Optional.of(1.0 / recorded.size())
                : GridPoint.number(params(parent).get("train_ratio")).map(ratio -> 1 - ratio);
        List<String> keys = churn().select(KEY_COLUMN).as(Encoders.STRING()).collectAsList();
        Problems problems = new Problems();
        for (int fold = 0; fold < recorded.size(); fold++) {
            recorded.get(fold).check(keys, share.orElse(0.5), share.isPresent() ? FOLD_SHARE_TOLERANCE : 0.5,
                    problems.about(VALIDATION_KEYS_DIRECTORY + " fold " + fold));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems.lines()));
    }

    /**
     * The grader's measure of a grid point, the parent tuner's own metric recomputed: over the recorded folds, the mean
     * of the AUC on a fold's validation rows of a model with the point's params fitted on the fold's other rows, as
     * {@code CrossValidator} averages its folds' metrics ({@code avgMetrics}) and {@code TrainValidationSplit} scores
     * its one split. Empty when the folds cannot be used ({@link #foldProblem}). Starts Spark on first use.
     */
    Optional<Double> foldAuc(Tuner tuner, Run parent, GridPoint point) {
        if (foldProblem(tuner, parent).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(foldAucs.computeIfAbsent(id(parent) + "/" + point, key -> folds(parent).stream()
                .mapToDouble(fold -> {
                    Dataset<Row>[] parts = parts(fold);
                    return REFIT.auc(REFIT.fit(parts[0], point.regParam(), point.elasticNetParam(), MAX_ITER),
                            parts[1]);
                }).average().orElse(Double.NaN)));
    }

    /** The fold's training rows (every other churn row) and validation rows (its keys), cached. */
    @SuppressWarnings("unchecked")
    private Dataset<Row>[] parts(RecordedSplit fold) {
        return foldParts.computeIfAbsent(fold.keys(), keys -> new Dataset[] {
            fold.otherRowsOf(churn(), KEY_COLUMN).cache(), fold.rowsOf(churn(), KEY_COLUMN).cache()});
    }

    /** The churn rows that have every feature, the rows the lab tunes on. Starts Spark. */
    private Dataset<Row> churn() {
        return runs.dataset(LabDataset.CUSTOMER_CHURN).na().drop(TuningGrader.FEATURES.toArray(String[]::new));
    }

    /**
     * Of a sample of the parent's candidates, the highest and the lowest {@value #METRIC}, those whose metric is more
     * than {@link TuningGrader#FOLD_AGREEMENT} away from the grader's measure of their grid point on the recorded folds
     * ({@link #foldAuc}); none when the folds cannot be used.
     */
    List<Candidate> misaligned(Tuner tuner, Run parent) {
        return misaligned.computeIfAbsent(id(parent), runId -> Candidate.extremes(candidates(parent)).stream()
                .filter(candidate -> foldAuc(tuner, parent, candidate.point()).filter(measured -> !Tolerance
                        .withinAbsolute(measured, candidate.auc(), TuningGrader.FOLD_AGREEMENT)).isPresent())
                .toList());
    }

    /**
     * The grid points of the parent's {@value #PARAM_GRID_FILE} that the grader's own measure ({@link #foldAuc}) ranks
     * best, within {@link TuningGrader#FOLD_AGREEMENT} of the highest, each with its measure: what the tuner found
     * best, re-derived without its child runs. Empty when the folds cannot be used. Refits every grid point.
     */
    Map<GridPoint, Double> measuredBest(Tuner tuner, Run parent) {
        Map<GridPoint, Double> measured = new LinkedHashMap<>();
        grid(parent).stream().flatMap(List::stream).flatMap(json -> GridPoint.fromJson(json).stream()).distinct()
                .forEach(point -> foldAuc(tuner, parent, point).ifPresent(auc -> measured.put(point, auc)));
        double highest = measured.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        measured.values().removeIf(auc -> !Tolerance.withinAbsolute(highest, auc, TuningGrader.FOLD_AGREEMENT));
        return measured;
    }

    private Dataset<Row> heldOutRows() {
        return runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS)
                .na().drop(TuningGrader.FEATURES.toArray(String[]::new));
    }
}
