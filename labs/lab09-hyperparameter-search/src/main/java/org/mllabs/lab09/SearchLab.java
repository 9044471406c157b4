package org.mllabs.lab09;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.search.Algorithm;
import org.mllabs.runtime.search.Objective;
import org.mllabs.runtime.search.SearchSpace;
import org.mllabs.runtime.search.Trial;

/**
 * Lab 09, given code: splits the customer churn data into a training and a validation part, asks
 * {@link SearchSteps} for the search space (step 1) and the objective (step 2), runs a random search and a TPE search
 * with the same budget (step 3), logs each search's best model under its trial's run (as {@code model/}, so that the
 * grader can score it itself) and the keys of the validation rows on the search's run ({@value #VALIDATION_KEYS_FILE},
 * so that the grader can recompute trials' losses on the same rows), then compares the searches (step 4) and registers
 * the best model (step 5).
 * You do not need to change this class.
 */
public final class SearchLab implements LabExercise {

    /** The features every trial's model uses. */
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");
    /** The budget of each search: how many trials it may run. */
    static final int MAX_EVALS = 10;
    /** How many trials run at once. */
    static final int PARALLELISM = 2;
    /** The seed of both searches. */
    static final long SEED = 42L;
    /**
     * How many trials TPE draws at random before it models the ones it has seen. Hyperopt's default is 20, more than
     * this lab's budget; with 4, TPE guides 6 of its 10 trials. Both searches share the seed, so their first 4 trials
     * are the same.
     */
    static final int TPE_STARTUP_TRIALS = 4;
    /** Where the models go under a trial's run. */
    static final String MODEL_PATH = "model";
    /** The artifact of each search's run that lists the validation rows' {@value #KEY_COLUMN}s, one a line. */
    static final String VALIDATION_KEYS_FILE = "validation_keys.txt";
    /** The column that names a customer. */
    static final String KEY_COLUMN = "customer_id";

    private static final long SPLIT_SEED = 42L;

    @Override
    public void run(LabContext context) {
        SearchSteps steps = new SearchSteps(context);
        SearchSpace space = steps.space();
        Dataset<Row>[] split = split(context);
        TrialModels models = new TrialModels();
        Objective objective = steps.objective(split[0], split[1], models);

        String experimentId = experiment(context.tracking(), context.experimentName());
        byte[] validationKeys = keys(split[1]);
        List<SearchRun> searches = new ArrayList<>();
        for (Algorithm algorithm : List.of(Algorithm.RANDOM, Algorithm.TPE)) {
            SearchRun search = steps.runSearch(experimentId, algorithm, space, objective);
            logBestModel(context, search, models);
            context.mlflow().artifacts().upload(search.parentRunId(), VALIDATION_KEYS_FILE, validationKeys);
            searches.add(search);
        }
        Comparison comparison = steps.compare(experimentId, searches);
        steps.registerBest(comparison);
    }

    /** The training (80 %) and validation (20 %) parts of the churn rows that have every feature, cached. */
    private static Dataset<Row>[] split(LabContext context) {
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN)
                .na().drop(FEATURES.toArray(String[]::new));
        Dataset<Row>[] split = churn.randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        for (Dataset<Row> part : split) {
            part.cache().count();
        }
        return split;
    }

    /** The rows' keys, one a line. */
    private static byte[] keys(Dataset<Row> rows) {
        List<String> keys = rows.select(KEY_COLUMN).as(Encoders.STRING()).collectAsList();
        return String.join("\n", keys).getBytes(StandardCharsets.UTF_8);
    }

    private static String experiment(MlflowClient tracking, String name) {
        return tracking.getExperimentByName(name)
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> tracking.createExperiment(name));
    }

    /**
     * Logs the pipeline of the search's best trial under that trial's run, so the grader can score it; trials tied
     * for the best loss each get theirs, whichever of them step 4 takes for the best.
     */
    private static void logBestModel(LabContext context, SearchRun search, TrialModels models) {
        Trial best = search.trials().best().orElseThrow(() -> new IllegalStateException(
                "The " + search.algorithm() + " search has no successful trial: look at the failed trials' tag "
                        + "mllabs.search.failure in MLflow"));
        StructType inputs = new StructType(FEATURES.stream()
                .map(name -> LabDataset.CUSTOMER_CHURN.schema().apply(name)).toArray(StructField[]::new));
        ModelSignature signature = ModelSignature.infer(inputs,
                new StructType().add("prediction", DataTypes.DoubleType, false));
        for (Trial tied : search.trials().trials()) {
            if (!tied.isOk() || Double.compare(tied.loss(), best.loss()) != 0) {
                continue;
            }
            String runId = search.trialRunIds().get(tied.number());
            models.fittedWith(tied.params()).ifPresentOrElse(
                    model -> context.models().log(runId, MODEL_PATH, model, signature),
                    () -> context.log("The objective kept no model for trial " + tied.number() + " of the "
                            + search.algorithm() + " search: call models.keep(params, model) in step 2"));
        }
        context.log(String.format("%s search: best trial %d, loss %.4f, %s", search.algorithm(), best.number(),
                best.loss(), best.params()));
    }
}
