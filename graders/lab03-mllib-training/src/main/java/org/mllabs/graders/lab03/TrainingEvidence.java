package org.mllabs.graders.lab03;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SignatureBoundModel;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.ProblemType;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What the MLflow server holds of a learner's lab 03, read through the grade's {@link LearnerRuns}: the newest run of
 * each model, its logged pipeline model (loaded once), the test split recorded on its run and the dataset's rows to
 * recompute its metric on, its signature, and the pipeline the learner saved and uploaded in step 6.
 */
final class TrainingEvidence {

    /** The artifact path every model is logged under. */
    static final String MODEL_PATH = "model";
    /** The artifact path of the folder step 6 saves and uploads. */
    static final String SAVED_PIPELINE_PATH = "saved_pipeline";
    /** Rows of held-out data the saved and the logged pipeline are compared on. */
    static final int HELD_OUT_ROWS = 5_000;
    /** The artifact TrainingLab records each run's test split in, the key of every test row, one a line. */
    static final String TEST_KEYS_ARTIFACT = "split/test_keys.txt";

    private final LearnerRuns runs;
    private final Map<String, Optional<PipelineModel>> models = new ConcurrentHashMap<>();
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private TrainingEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static TrainingEvidence of(GradingContext context) {
        return TrainingGrader.STEPS.evidence(context, TrainingEvidence.class, TrainingEvidence::new);
    }

    /** The learner's runs of lab 03. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run tagged with the model's family and dataset. */
    Optional<Run> run(ExpectedModel expected) {
        return runs.runs("").stream()
                .filter(run -> !RunData.isChild(run))
                .filter(run -> expected.family().equals(RunData.tags(run).get("model_family"))
                        && expected.dataset().datasetName().equals(RunData.tags(run).get("dataset")))
                .max(Comparator.comparingLong(run -> run.getInfo().getStartTime()));
    }

    /** The {@code model_family} tags of the runs tagged with the dataset, for hints about missing runs. */
    List<String> familiesLogged(LabDataset dataset) {
        return runs.runs("").stream()
                .filter(run -> dataset.datasetName().equals(RunData.tags(run).get("dataset")))
                .map(run -> RunData.tags(run).getOrDefault("model_family", "(no model_family tag)"))
                .distinct().sorted().toList();
    }

    /** The run's {@code MLmodel} file under {@value #MODEL_PATH}/, or empty when the run logged no model there. */
    Optional<byte[]> mlmodel(Run run) {
        return runs.artifact(run, MODEL_PATH + "/MLmodel");
    }

    /** The files and folders at the root of the run's artifacts, for hints about a model logged elsewhere. */
    List<String> artifactRoot(Run run) {
        return runs.context().mlflow().artifacts().list(RunData.id(run), "").stream()
                .filter(file -> !file.path().contains("/"))
                .map(file -> file.isDir() ? file.path() + "/" : file.path())
                .toList();
    }

    /** The signature the run's model declares; empty when it has no model or the model no signature. */
    Optional<LoggedSignature> signature(Run run) {
        return mlmodel(run).flatMap(LoggedSignature::parse);
    }

    /**
     * The pipeline model the run logged under {@value #MODEL_PATH}/, loaded once; starts Spark on first use, and then
     * loads the other expected runs' models in the background, since the checks score them all.
     */
    Optional<PipelineModel> model(Run run) {
        if (!preloaded.getAndSet(true)) {
            runs.preload(ExpectedModel.all().stream().map(this::run).flatMap(Optional::stream).toList(), MODEL_PATH);
        }
        return models.computeIfAbsent(RunData.id(run), id -> mlmodel(run).isEmpty()
                ? Optional.empty() : runs.model(run, MODEL_PATH));
    }

    /** Held-out rows of the dataset, drawn from the grading seed. */
    Dataset<Row> heldOut(LabDataset dataset) {
        return runs.heldOut(dataset, HELD_OUT_ROWS);
    }

    /** The test split recorded on the run; empty when it has none. */
    Optional<RecordedSplit> testSplit(Run run) {
        return runs.artifact(run, TEST_KEYS_ARTIFACT).map(RecordedSplit::parse);
    }

    /** Every row of the dataset, as TrainingLab loads it before splitting. */
    Dataset<Row> rows(LabDataset dataset) {
        return runs.dataset(dataset);
    }

    /** The key of every row of the dataset. */
    List<String> keys(LabDataset dataset) {
        return rows(dataset).select(dataset.keyColumn()).as(Encoders.STRING()).collectAsList();
    }

    /**
     * The model's predictions of the rows, cached for the metrics computed on them; the model is handed only its
     * signature's inputs, never the label.
     *
     * @throws org.mllabs.grading.evidence.UnscorableModelException when the model cannot score the rows so
     */
    static Dataset<Row> scored(PipelineModel model, Dataset<Row> rows, LabDataset dataset) {
        return SignatureBoundModel.score(model, rows, List.of(dataset.labelColumn())).cache();
    }

    /**
     * A metric of scored rows as README step 4 computes it: the RegressionEvaluator's for house prices, the
     * BinaryClassificationEvaluator's for churn, with the metric name given ({@code rmse}, {@code areaUnderROC}, or
     * another of the same evaluator).
     */
    static double metric(Dataset<Row> scored, LabDataset dataset, String metricName) {
        if (dataset.problemType() == ProblemType.REGRESSION) {
            return new RegressionEvaluator().setLabelCol(dataset.labelColumn()).setMetricName(metricName)
                    .evaluate(scored);
        }
        return new BinaryClassificationEvaluator().setLabelCol(dataset.labelColumn()).setMetricName(metricName)
                .evaluate(scored);
    }

    /** Whether the run has files under {@value #SAVED_PIPELINE_PATH}/. */
    boolean hasSavedPipeline(Run run) {
        return !runs.context().mlflow().artifacts().list(RunData.id(run), SAVED_PIPELINE_PATH).isEmpty();
    }

    /** The folder the run uploaded under {@value #SAVED_PIPELINE_PATH}/, downloaded, read by PipelineModel.load. */
    PipelineModel savedPipeline(Run run) {
        runs.context().spark().session();
        Path folder = runs.context().spark().modelDownloads().resolve("saved-" + RunData.id(run));
        runs.context().mlflow().artifacts().downloadDirectory(RunData.id(run), SAVED_PIPELINE_PATH, folder);
        return PipelineModel.load(folder.toUri().toString());
    }

    /**
     * How many held-out rows the two models predict differently, matched by the dataset's key; both are given the
     * same rows whole, since this compares two copies of a model rather than scoring it.
     */
    long differentPredictions(PipelineModel first, PipelineModel second, LabDataset dataset) {
        String key = dataset.keyColumn();
        Dataset<Row> rows = heldOut(dataset);
        Dataset<Row> a = unbound(first).transform(rows).select(col(key), col("prediction").as("first"));
        Dataset<Row> b = unbound(second).transform(rows).select(col(key), col("prediction").as("second"));
        return a.join(b, key).filter(col("first").notEqual(col("second"))).count();
    }

    private static PipelineModel unbound(PipelineModel model) {
        return model instanceof SignatureBoundModel bound ? bound.unbound() : model;
    }
}
