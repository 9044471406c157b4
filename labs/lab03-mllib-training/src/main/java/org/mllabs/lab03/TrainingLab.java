package org.mllabs.lab03;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.datasets.ProblemType;
import org.mllabs.runtime.features.NumericFeatures;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;

/**
 * Lab 03, given code: asks {@link TrainingSteps} for the regression and classification estimators (steps 1 and 2),
 * then for each one fits it behind the preparation stages (step 3), evaluates it on the test split (step 4) and logs
 * it as a run (step 5), on which it records the keys of the test rows ({@value #TEST_KEYS_ARTIFACT}) so that the
 * grader can recompute the metric on them; finally it saves and reloads the best classifier (step 6).
 * You do not need to change this class.
 */
public final class TrainingLab implements LabExercise {

    /** The seed of the 80/20 train/test split. */
    static final long SPLIT_SEED = 42L;
    /** The artifact that records the test split on each run: the key of every test row, one a line. */
    static final String TEST_KEYS_ARTIFACT = "split/test_keys.txt";

    @Override
    public void run(LabContext context) {
        TrainingSteps steps = new TrainingSteps(context);
        Map<String, Estimator<?>> regressors = steps.regressors();
        Map<String, Estimator<?>> classifiers = steps.classifiers();
        String experimentId = experiment(context);

        train(context, steps, experimentId, LabDataset.HOUSE_PRICES, regressors);
        List<Logged> classifications = train(context, steps, experimentId, LabDataset.CUSTOMER_CHURN, classifiers);

        Logged best = classifications.stream()
                .max(Comparator.comparingDouble(logged -> logged.trained().metricValue()))
                .orElseThrow(() -> new IllegalStateException("Step 2 returned no classifier"));
        Path folder = context.workDirectory().resolve("saved-pipeline");
        context.log("Saving " + best.trained().runName() + " to " + folder + " and loading it back ...");
        steps.saveAndReload(best.runId(), best.trained(), folder);
    }

    /** A trained model and the run it was logged in. */
    private record Logged(TrainedModel trained, String runId) {
    }

    /** The metric a dataset's models are compared by: test_rmse for regression, test_auc for classification. */
    static String metricName(LabDataset dataset) {
        return dataset.problemType() == ProblemType.REGRESSION ? "test_rmse" : "test_auc";
    }

    private static List<Logged> train(LabContext context, TrainingSteps steps, String experimentId,
                                      LabDataset dataset, Map<String, Estimator<?>> estimators) {
        Dataset<Row>[] split = context.datasets().load(context.spark(), dataset)
                .randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> test = split[1].cache();
        byte[] testKeys = (String.join("\n", test.select(dataset.keyColumn()).as(Encoders.STRING()).collectAsList())
                + "\n").getBytes(StandardCharsets.UTF_8);
        List<Logged> logged = new ArrayList<>();
        for (Map.Entry<String, Estimator<?>> entry : estimators.entrySet()) {
            Estimator<?> estimator = entry.getValue();
            PipelineModel model = steps.fit(NumericFeatures.of(dataset).stages(), estimator, train);
            String modelClass = steps.fittedModelClass(estimator, model);
            double metric = steps.evaluate(model, train, test, dataset);
            TrainedModel trained = new TrainedModel(dataset, entry.getKey(), estimator, model, modelClass,
                    metricName(dataset), metric, test);
            String runId = steps.logRun(experimentId, trained);
            recordTestSplit(context, runId, testKeys);
            context.log(String.format(Locale.ROOT, "%-28s %s fitted to %s, %s %.4f (run %s)", trained.runName(),
                    estimator.getClass().getSimpleName(), modelClass, trained.metricName(), metric, runId));
            logged.add(new Logged(trained, runId));
        }
        train.unpersist();
        return logged;
    }

    /** Records the test split on the run, so that the grader recomputes its metric on the same rows. */
    private static void recordTestSplit(LabContext context, String runId, byte[] testKeys) {
        context.mlflow().artifacts().upload(runId, TEST_KEYS_ARTIFACT, testKeys);
    }

    private static String experiment(LabContext context) {
        return context.tracking().getExperimentByName(context.experimentName())
                .map(experiment -> experiment.getExperimentId())
                .orElseGet(() -> context.tracking().createExperiment(context.experimentName()));
    }
}
