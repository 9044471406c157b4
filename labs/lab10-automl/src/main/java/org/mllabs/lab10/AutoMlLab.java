package org.mllabs.lab10;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.automl.AutoMlResult;
import org.mllabs.runtime.automl.DataProfiler;
import org.mllabs.runtime.automl.GeneratedTrial;
import org.mllabs.runtime.automl.LeaderboardEntry;
import org.mllabs.runtime.automl.TrainingData;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;

/**
 * Lab 10, given code: loads the churn data and prints its profile (what AutoML will decide for each column, as the
 * data exploration notebook of Databricks AutoML shows it), runs AutoML (step 1), prints its leaderboard, reads it
 * back from MLflow (step 2), splits the data as AutoML did for the comparison with a manual model (step 3) and records
 * AutoML's validation part on the AutoML run, downloads the best trial's generated source for you to extend (step 4),
 * compiles the extended source, lets step 5 run and log it, and logs on that run the extended source and the
 * validation part its split() makes. You do not need to change this class.
 */
public final class AutoMlLab implements LabExercise {

    /** The AutoML run's time budget, from its start to its end. */
    static final int BUDGET_SECONDS = 30;
    /** The seed of the AutoML run: of its search, its split and its seeded estimators. */
    static final long SEED = 42L;
    /** The share of the labelled rows AutoML fits its trials on ({@code AutoMlRun.of}'s default). */
    static final double TRAIN_FRACTION = 0.8;
    /** The metric AutoML ranks the trials by, also the metric key of every trial run. */
    static final String METRIC = "areaUnderROC";
    /** Where a run's model goes. */
    static final String MODEL_PATH = "model";
    /** The artifact that records the validation part a run's metric is computed on: one customer_id a line. */
    static final String VALIDATION_KEYS = "split/validation_keys.txt";

    @Override
    public void run(LabContext context) {
        AutoMlSteps steps = new AutoMlSteps(context);
        TrainingData data = TrainingData.of(context.spark(), context.datasets(), LabDataset.CUSTOMER_CHURN);
        context.log(DataProfiler.profile(data.frame(), data.target(), true).toMarkdown());

        AutoMlResult automl = steps.runAutoMl(data);
        context.log(String.format("AutoML: %d trials in %.1f s%n%s", automl.trials(),
                automl.wallTime().toMillis() / 1000.0, automl.leaderboard().toMarkdown()));
        LeaderboardEntry best = automl.leaderboard().best().orElseThrow(() -> new IllegalStateException(
                "No AutoML trial finished within the budget (see the failed trials' tag mllabs.search.failure in "
                        + "MLflow): on a busy machine the first trials of a fresh JVM are slow; run the lab again"));

        steps.logTopThree(automl.parentRunId());

        Dataset<Row>[] split = data.split(TRAIN_FRACTION, SEED);
        recordValidationKeys(context, automl.parentRunId(), split[1]);
        steps.compareWithManualModel(split[0], split[1], automl);

        String generated = new String(context.mlflow().artifacts().download(best.runId(), best.sourcePath()),
                StandardCharsets.UTF_8);
        String extended = steps.extendSource(generated);
        GeneratedTrial trial = GeneratedTrial.compile(extended, context.workDirectory().resolve("extended-trial"));
        String runId = steps.runExtendedTrial(best, trial);
        context.mlflow().artifacts().upload(runId, "source/" + trial.className() + ".java",
                extended.getBytes(StandardCharsets.UTF_8));
        recordValidationKeys(context, runId, trial.split(context.spark())[1]);
    }

    /**
     * Records a validation part on a run, as the {@code customer_id} of each of its rows, one a line, under
     * {@value #VALIDATION_KEYS}: so that a metric the run reports on it can be recomputed from its model.
     */
    private static void recordValidationKeys(LabContext context, String runId, Dataset<Row> validation) {
        List<String> keys = validation.select(LabDataset.CUSTOMER_CHURN.keyColumn()).as(Encoders.STRING())
                .collectAsList();
        context.mlflow().artifacts().upload(runId, VALIDATION_KEYS,
                String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
    }
}
