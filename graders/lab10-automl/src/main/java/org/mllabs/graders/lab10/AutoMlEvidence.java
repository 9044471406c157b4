package org.mllabs.graders.lab10;

import static org.mllabs.runtime.mlflow.RunData.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.runtime.automl.AutoMl;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.search.MlflowTrialLogger;

/**
 * What the MLflow server holds of a learner's lab 10: the AutoML run and its trials, the runs {@code automl-top3},
 * {@code manual-model} and {@code extended-trial}, read through the grade's {@link LearnerRuns}, the validation parts
 * the lab recorded on them, and the churn data their models are scored on.
 */
final class AutoMlEvidence {

    static final String AUTOML_RUN = "automl";
    static final String TOP3_RUN = "automl-top3";
    static final String MANUAL_RUN = "manual-model";
    static final String EXTENDED_RUN = "extended-trial";
    static final String METRIC = "areaUnderROC";
    static final String MODEL_PATH = AutoMl.MODEL_PATH;
    /** Rows of held-out data the models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;
    /** The artifact in which the lab records the validation part a run's metric is computed on. */
    static final String VALIDATION_KEYS = "split/validation_keys.txt";
    static final LabDataset CHURN = LabDataset.CUSTOMER_CHURN;

    private final LearnerRuns runs;

    private AutoMlEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static AutoMlEvidence of(GradingContext context) {
        return AutoMlGrader.STEPS.evidence(context, AutoMlEvidence.class, AutoMlEvidence::new);
    }

    /** The learner's runs of lab 10. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest AutoML run. */
    Optional<Run> automl() {
        return runs.newestTopLevelRun(AUTOML_RUN);
    }

    /** Every trial of the newest AutoML run, oldest first. */
    List<Run> trials() {
        return automl().map(runs::children).orElse(List.of());
    }

    /** The trials that finished, with the metric. */
    List<Run> finishedTrials() {
        return trials().stream().filter(run -> run.getInfo().getStatus() == RunStatus.FINISHED).toList();
    }

    /** The finished trials by the metric, best first: the grader's own leaderboard. */
    List<Run> ranked() {
        return finishedTrials().stream().filter(run -> metrics(run).containsKey(METRIC))
                .sorted(Comparator.comparingDouble((Run run) -> metrics(run).get(METRIC)).reversed()).toList();
    }

    /** The finished trial with this run id. */
    Optional<Run> finishedTrial(String runId) {
        return finishedTrials().stream().filter(run -> RunData.id(run).equals(runId)).findFirst();
    }

    /** The trial's number, from the search's tag. */
    static String trialNumber(Run trial) {
        return RunData.tags(trial).get(MlflowTrialLogger.TRIAL_TAG);
    }

    /** The newest top-level run with the name. */
    Optional<Run> run(String name) {
        return runs.newestTopLevelRun(name);
    }

    /** A text artifact of the run. */
    Optional<String> text(Run run, String path) {
        return runs.artifact(run, path).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Whether the run logged a model under {@code model/}, without loading it. */
    boolean hasModel(Run run) {
        return runs.artifact(run, MODEL_PATH + "/MLmodel").isPresent();
    }

    /** The validation part the lab recorded on the run, by its rows' keys; empty when it recorded none. */
    Optional<RecordedSplit> validationPart(Run run) {
        return runs.artifact(run, VALIDATION_KEYS).map(RecordedSplit::parse);
    }

    /** The model the run logged under {@code model/}; empty when there is none. Starts Spark on first use. */
    Optional<PipelineModel> model(Run run) {
        return runs.model(run, MODEL_PATH);
    }

    /** The whole customer churn data, as the lab loads it. */
    Dataset<Row> churn() {
        return runs.dataset(CHURN);
    }

    /**
     * The AUC of the model the run logged under {@code model/}, on held-out rows drawn from the grading seed; empty
     * when the run logged no model. Starts Spark on first use.
     */
    Optional<Double> heldOutAuc(Run run) {
        return runs.model(run, MODEL_PATH).map(model -> new BinaryClassificationEvaluator()
                .setLabelCol(LabDataset.CUSTOMER_CHURN.labelColumn())
                .setMetricName(METRIC)
                .evaluate(model.transform(runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS))));
    }
}
