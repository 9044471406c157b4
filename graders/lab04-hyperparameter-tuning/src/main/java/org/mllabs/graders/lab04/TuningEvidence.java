package org.mllabs.graders.lab04;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LogisticRefit;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * What the MLflow server holds of a learner's lab 04: for each {@link Tuner}, the newest parent run of its name, the
 * grid it logged ({@value #PARAM_GRID_FILE}), its child runs read as {@link Candidate}s, and the best model logged
 * under {@value #MODEL_PATH}, loaded and scored on held-out data once for the grade; and the grader's own measure of
 * grid points: a model with a point's params fitted on rows the grader draws and scored on the held-out rows, for the
 * sample of candidates whose metric it checks.
 */
final class TuningEvidence {

    static final String PARAM_GRID_FILE = "param_grid.json";
    static final String MODEL_PATH = "model";
    /** The candidates' metric on the child runs. */
    static final String METRIC = "auc";
    /** Rows of held-out data the best models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;
    /** Rows the grader fits a grid point's model on, about what the lab's tuners fit each candidate on. */
    static final int REFIT_ROWS = 4_000;
    /** The lab's iterations of the optimiser, the same for every candidate. */
    static final int MAX_ITER = 10;
    static final LogisticRefit REFIT = new LogisticRefit(TuningGrader.FEATURES,
            LabDataset.CUSTOMER_CHURN.labelColumn());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LearnerRuns runs;
    private final Map<String, Optional<List<JsonNode>>> grids = new ConcurrentHashMap<>();
    private final Map<String, Optional<PipelineModel>> models = new ConcurrentHashMap<>();
    private final Map<String, Optional<Double>> heldOutAucs = new ConcurrentHashMap<>();
    private final Map<GridPoint, Double> refitAucs = new ConcurrentHashMap<>();
    private final Map<String, List<Candidate>> misaligned = new ConcurrentHashMap<>();
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private TuningEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks and figures. */
    static TuningEvidence of(GradingContext context) {
        LearnerRuns runs = LearnerRuns.of(context, "lab04");
        return context.evidence(TuningEvidence.class, () -> new TuningEvidence(runs));
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
     * The grader's measure of a grid point: the AUC on the held-out rows of a model with the point's params fitted on
     * {@value #REFIT_ROWS} other rows, drawn from the seed after the grading seed. Starts Spark on first use.
     */
    double refitAuc(GridPoint point) {
        return refitAucs.computeIfAbsent(point, p -> {
            Dataset<Row> train = runs.context().spark().heldOut(LabDataset.CUSTOMER_CHURN, runs.context().seed() + 1,
                    REFIT_ROWS).na().drop(TuningGrader.FEATURES.toArray(String[]::new));
            return REFIT.auc(REFIT.fit(train, p.regParam(), p.elasticNetParam(), MAX_ITER), heldOutRows());
        });
    }

    /**
     * Of a sample of the parent's candidates, the highest and the lowest {@value #METRIC}, those whose metric is more
     * than {@link TuningGrader#AUC_TOLERANCE} away from the grader's measure of their grid point ({@link #refitAuc}).
     */
    List<Candidate> misaligned(Run parent) {
        return misaligned.computeIfAbsent(id(parent), runId -> Candidate.extremes(candidates(parent)).stream()
                .filter(candidate -> !Tolerance.withinAbsolute(refitAuc(candidate.point()), candidate.auc(),
                        TuningGrader.AUC_TOLERANCE))
                .toList());
    }

    private Dataset<Row> heldOutRows() {
        return runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS)
                .na().drop(TuningGrader.FEATURES.toArray(String[]::new));
    }
}
