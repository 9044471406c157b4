package org.mllabs.graders.lab02;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.PipelineStages;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.runtime.datasets.LabDataset;

/**
 * What the MLflow server holds of a learner's lab 02, read once per grade and shared by its checks: the newest run
 * named {@value #RUN_NAME}, the pipeline it logged under {@code model/} and that pipeline's stages, its recorded
 * training split, and the data the grader scores and recomputes statistics on. Spark starts on the first model load.
 */
final class FeaturePipelineEvidence {

    static final String RUN_NAME = "feature-pipeline";
    static final String MODEL_PATH = "model";
    static final String TRAIN_KEYS_ARTIFACT = "split/train_keys.txt";
    static final LabDataset CHURN = LabDataset.CUSTOMER_CHURN;
    /** Rows of held-out data the model is scored on: lab 01's number, so a class's grading draws them once. */
    static final int HELD_OUT_ROWS = 2_000;
    /** Rows given labels the training data never had, to score with the model. */
    static final int UNSEEN_LABEL_ROWS = 50;
    static final String UNSEEN_CONTRACT = "three-year";
    static final String UNSEEN_REGION = "central";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final LearnerRuns runs;
    private Optional<Run> run;
    private Optional<JsonNode> mlModel;
    private Optional<PipelineModel> model;
    private Optional<PipelineStages> stages;
    private String stagesProblem = "";
    private Dataset<Row> trainingRows;

    private FeaturePipelineEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static FeaturePipelineEvidence of(GradingContext context) {
        return FeaturePipelineGrader.STEPS.evidence(context, FeaturePipelineEvidence.class,
                FeaturePipelineEvidence::new);
    }

    /** The learner's runs of lab 02. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run named {@value #RUN_NAME}. */
    synchronized Optional<Run> run() {
        if (run == null) {
            run = runs.newestTopLevelRun(RUN_NAME);
        }
        return run;
    }

    /**
     * The pipeline the run logged under {@value #MODEL_PATH}/, loaded with the grade's Spark session; empty when there
     * is no model there.
     */
    synchronized Optional<PipelineModel> model() {
        if (model == null) {
            model = mlModel().isEmpty() ? Optional.empty() : runs.model(run().orElseThrow(), MODEL_PATH);
        }
        return model;
    }

    /**
     * The logged pipeline's stages, read against the churn data's columns; empty when the pipeline cannot transform
     * data of those columns ({@link #stagesProblem()} says why). Call only when there is a model.
     */
    synchronized Optional<PipelineStages> stages() {
        if (stages == null) {
            try {
                stages = Optional.of(PipelineStages.of(model().orElseThrow(), CHURN.schema()));
            } catch (IllegalArgumentException e) {
                stages = Optional.empty();
                stagesProblem = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }
        return stages;
    }

    /** Why the pipeline cannot transform the churn data's columns; empty when it can. */
    synchronized String stagesProblem() {
        return stagesProblem;
    }

    /** The model's {@code MLmodel} file, as a tree; empty when the run has no model under {@value #MODEL_PATH}/. */
    synchronized Optional<JsonNode> mlModel() {
        if (mlModel == null) {
            mlModel = run().flatMap(found -> runs.artifact(found, MODEL_PATH + "/MLmodel")).map(bytes -> {
                try {
                    return YAML.readTree(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(MODEL_PATH + "/MLmodel is not YAML", e);
                }
            });
        }
        return mlModel;
    }

    /** The training split the run recorded in {@value #TRAIN_KEYS_ARTIFACT}. */
    Optional<RecordedSplit> split() {
        return run().flatMap(found -> runs.artifact(found, TRAIN_KEYS_ARTIFACT)).map(RecordedSplit::parse);
    }

    /** The whole customer churn data, as the lab loads it. */
    Dataset<Row> churn() {
        return runs.dataset(CHURN);
    }

    /** The key of every row of the churn data. */
    List<String> churnKeys() {
        return churn().select(CHURN.keyColumn()).as(Encoders.STRING()).collectAsList();
    }

    /** The rows of the recorded training split; call only when there is one. */
    synchronized Dataset<Row> trainingRows() {
        if (trainingRows == null) {
            trainingRows = split().orElseThrow().rowsOf(churn(), CHURN.keyColumn()).cache();
        }
        return trainingRows;
    }

    /** Churn rows the learner's code never saw, drawn from the grading seed. */
    Dataset<Row> heldOut() {
        return runs.heldOut(CHURN, HELD_OUT_ROWS);
    }

    /**
     * Rows of the data whose contract and region are made labels the training data never had and whose payment method
     * is made missing: what a model meets in production after a new product or a new region launches. They keep every
     * column of the data, so that only how the model treats the categories decides whether it predicts.
     */
    Dataset<Row> unseenLabelRows() {
        return churn().limit(UNSEEN_LABEL_ROWS)
                .withColumn("contract", lit(UNSEEN_CONTRACT))
                .withColumn("region", lit(UNSEEN_REGION))
                .withColumn("payment_method", lit(null).cast(DataTypes.StringType));
    }
}
