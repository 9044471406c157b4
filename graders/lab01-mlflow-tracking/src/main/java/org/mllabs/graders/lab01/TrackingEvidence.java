package org.mllabs.graders.lab01;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Problems;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LogisticRefit;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.grading.evidence.SignatureBoundModel;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What the MLflow server holds of a learner's lab 01: the sweep's parent run and its candidates, read through the
 * grade's {@link LearnerRuns}, each candidate's logged model and the test split recorded on its run, and the churn
 * data the grader rescores the models on.
 */
final class TrackingEvidence {

    static final String PARENT_RUN_NAME = "regparam-sweep";
    /** The artifact TrackingLab records the test split in, one customer_id a line. */
    static final String TEST_KEYS_ARTIFACT = "split/test_keys.txt";
    /** The artifact path of each candidate's model. */
    static final String MODEL_PATH = "model";

    private static final LabDataset CHURN = LabDataset.CUSTOMER_CHURN;

    private final LearnerRuns runs;

    private TrackingEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static TrackingEvidence of(GradingContext context) {
        return TrackingGrader.STEPS.evidence(context, TrackingEvidence.class, TrackingEvidence::new);
    }

    /** The learner's runs of lab 01. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest run named {@value #PARENT_RUN_NAME} that is not itself a child run. */
    Optional<Run> parent() {
        return runs.newestTopLevelRun(PARENT_RUN_NAME);
    }

    /** The child runs of the parent, oldest first. */
    List<Run> children() {
        return parent().map(runs::children).orElse(List.of());
    }

    /**
     * The candidates' runs: the parent's children; when it has none, the newest run with each {@code reg_param} that
     * is not nested, so that the steps done on runs that are not nested are still graded.
     */
    List<Run> candidates() {
        List<Run> children = children();
        if (!children.isEmpty()) {
            return children;
        }
        Map<String, Run> newest = new LinkedHashMap<>();
        runs.runs("").stream().filter(run -> !RunData.isChild(run))
                .filter(run -> RunData.params(run).containsKey("reg_param"))
                .sorted(Comparator.comparingLong(run -> run.getInfo().getStartTime()))
                .forEach(run -> newest.put(RunData.params(run).get("reg_param"), run));
        return List.copyOf(newest.values());
    }

    /** The model the run logged under {@value #MODEL_PATH}/, bound to its signature; starts Spark on first use. */
    Optional<PipelineModel> model(Run run) {
        return runs.model(run, MODEL_PATH);
    }

    /** The test split recorded on the run; empty when it has none. */
    Optional<RecordedSplit> testSplit(Run run) {
        return runs.artifact(run, TEST_KEYS_ARTIFACT).map(RecordedSplit::parse);
    }

    /** The churn rows TrackingLab trains and tests on: those with a value in every feature. */
    Dataset<Row> churn() {
        return runs.dataset(CHURN).na().drop(TrackingGrader.FEATURES.toArray(String[]::new));
    }

    /** The key of every row TrackingLab splits. */
    List<String> churnKeys() {
        return churn().select(CHURN.keyColumn()).as(Encoders.STRING()).collectAsList();
    }

    /** The recorded test rows. */
    Dataset<Row> testRows(RecordedSplit split) {
        return split.rowsOf(churn(), CHURN.keyColumn());
    }

    /** The rows of the training side: every row TrackingLab splits that is not a recorded test row. */
    Dataset<Row> trainingRows(RecordedSplit split) {
        return split.otherRowsOf(churn(), CHURN.keyColumn());
    }

    /**
     * The area under the ROC curve of the model on the rows, as TrackingLab's BinaryClassificationEvaluator computes
     * it; the model is handed only its signature's inputs, never the label.
     */
    double auc(PipelineModel model, Dataset<Row> rows) {
        return new BinaryClassificationEvaluator().setLabelCol(CHURN.labelColumn()).setMetricName("areaUnderROC")
                .evaluate(SignatureBoundModel.score(model, rows, List.of(CHURN.labelColumn())));
    }

    /**
     * The model's coefficient of each feature, by the feature the assembler put at its place; empty when the model is
     * not an assembler followed by a logistic regression.
     */
    static Optional<Map<String, Double>> coefficients(PipelineModel model) {
        Optional<VectorAssembler> assembler = stage(model, VectorAssembler.class);
        Optional<LogisticRegressionModel> regression = stage(model, LogisticRegressionModel.class);
        if (assembler.isEmpty() || regression.isEmpty()
                || assembler.get().getInputCols().length != regression.get().coefficients().size()) {
            return Optional.empty();
        }
        Map<String, Double> byFeature = new LinkedHashMap<>();
        String[] features = assembler.get().getInputCols();
        for (int i = 0; i < features.length; i++) {
            byFeature.put(features[i], regression.get().coefficients().apply(i));
        }
        return Optional.of(byFeature);
    }

    /** The model's logistic regression; empty when it has none. */
    static Optional<LogisticRegressionModel> regression(PipelineModel model) {
        return stage(model, LogisticRegressionModel.class);
    }

    /**
     * The training loss after each iteration of the optimiser when the grader fits the run's logistic regression
     * again, with the hyperparameters its logged model holds, on the training side of the split the run recorded (every
     * row that is not a recorded test row): L-BFGS is deterministic, so this is the curve TrackingLab saw, to rounding.
     * Empty when the run has no logistic regression under {@value #MODEL_PATH}/ or no proper recorded test split (step
     * 3.auc says which).
     */
    Optional<double[]> refitLossCurve(Run run) {
        Optional<LogisticRegressionModel> logged = model(run).flatMap(TrackingEvidence::regression);
        Optional<RecordedSplit> split = testSplit(run);
        if (logged.isEmpty() || split.isEmpty()) {
            return Optional.empty();
        }
        Problems splitProblems = new Problems();
        split.get().check(churnKeys(), TrackingGrader.TEST_FRACTION, TrackingGrader.TEST_FRACTION_TOLERANCE,
                splitProblems);
        if (!splitProblems.isEmpty()) {
            return Optional.empty();
        }
        PipelineModel refit = new LogisticRefit(TrackingGrader.FEATURES, CHURN.labelColumn())
                .fit(trainingRows(split.get()), logged.get().getRegParam(), logged.get().getElasticNetParam(),
                        logged.get().getMaxIter());
        return regression(refit).map(model -> model.summary().objectiveHistory());
    }

    private static <T> Optional<T> stage(PipelineModel model, Class<T> type) {
        for (Transformer stage : model.stages()) {
            if (type.isInstance(stage)) {
                return Optional.of(type.cast(stage));
            }
        }
        return Optional.empty();
    }
}
