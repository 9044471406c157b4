package org.mllabs.lab02;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.Interaction;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.lab.LabRuns;

/**
 * Lab 02, given code: loads the customer churn data, opens the run {@value #RUN_NAME} in your experiment, then calls
 * your steps in {@link FeatureSteps} in order: the split, one feature stage after another, the pipeline, the logging.
 * The run ends FINISHED after the last step, FAILED when a step throws.
 * You do not need to change this class.
 */
public final class FeatureEngineeringLab implements LabExercise {

    /** The name of the lab's run. */
    static final String RUN_NAME = "feature-pipeline";
    /** The seed of the train/test split, so the same rows land in the training split every time. */
    static final long SPLIT_SEED = 42L;
    /** The share of the rows in the training split. */
    static final double TRAIN_FRACTION = 0.8;
    /** The artifact that records the training split: one customer_id a line. */
    static final String TRAIN_KEYS_ARTIFACT = "split/train_keys.txt";
    /** Iterations of the logistic regression's optimiser. */
    static final int MAX_ITER = 30;

    /**
     * The churn data split in two.
     *
     * @param train the rows the pipeline is fitted on
     * @param test the rows it is evaluated on
     */
    record Split(Dataset<Row> train, Dataset<Row> test) {
    }

    @Override
    public void run(LabContext context) {
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN).cache();
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(RUN_NAME);
        runs.finishAfter(runId, () -> {
            FeatureSteps steps = new FeatureSteps(context, runId, churn);
            Split split = steps.split();
            Imputer imputer = steps.imputer();
            StringIndexer indexer = steps.indexer();
            OneHotEncoder encoder = steps.encoder();
            Interaction interaction = steps.interaction();
            VectorAssembler assembler = steps.assembler();
            StandardScaler scaler = steps.scaler();
            PipelineModel model = steps.fit(split, imputer, indexer, encoder, interaction, assembler, scaler);
            steps.logModel(model, split);
            return model;
        });
        context.log("Run " + runId + " of " + context.experimentName() + " is finished: lab grade lab02");
    }
}
