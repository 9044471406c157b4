package org.mllabs.lab01;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 01, given code: opens the sweep in MLflow (steps 1 and 2), trains one logistic regression per regularisation
 * value on the customer churn data, then calls the other steps in {@link TrackingSteps}, one step at a time for every
 * candidate, to track the sweep. After step 3 it logs each candidate's model under its run (as {@code model/}) and
 * the keys of the test rows (as {@value #TEST_KEYS_ARTIFACT}), so that the grader can score the model itself on the
 * same rows.
 * You do not need to change this class.
 */
public final class TrackingLab implements LabExercise {

    /** The regularisation values of the sweep, one candidate each. */
    static final List<Double> REG_PARAMS = List.of(0.001, 0.01, 0.1);
    /** Iterations of the optimiser, the same for every candidate. */
    static final int MAX_ITER = 20;
    /** The features the candidates use. */
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");

    /** The artifact that records the test split on each candidate's run: one {@code customer_id} a line. */
    static final String TEST_KEYS_ARTIFACT = "split/test_keys.txt";

    private static final long SPLIT_SEED = 42L;

    @Override
    public void run(LabContext context) {
        TrackingSteps steps = new TrackingSteps(context);
        String experimentId = steps.createExperiment();
        String parentRunId = steps.startParentRun(experimentId);

        Sweep sweep = train(context);
        List<Candidate> candidates = sweep.candidates();
        List<String> runIds = new ArrayList<>();
        for (Candidate candidate : candidates) {
            runIds.add(steps.logCandidate(experimentId, parentRunId, candidate.regParam(), MAX_ITER,
                    candidate.testAuc()));
        }
        logModels(context, candidates, runIds);
        recordTestSplit(context, sweep.testKeys(), runIds);
        for (int i = 0; i < candidates.size(); i++) {
            steps.logLossCurve(runIds.get(i), candidates.get(i).objectiveHistory());
        }
        for (String runId : runIds) {
            steps.tagRun(runId);
        }
        for (int i = 0; i < candidates.size(); i++) {
            steps.logCoefficients(runIds.get(i), FEATURES, candidates.get(i).coefficients());
        }
        steps.recordBest(experimentId, parentRunId);
    }

    /**
     * One trained candidate of the sweep.
     *
     * @param regParam its regularisation
     * @param testAuc its area under the ROC curve on the test split
     * @param objectiveHistory the training loss after each optimiser iteration
     * @param coefficients one weight per feature, in the order of {@link #FEATURES}
     * @param model the fitted pipeline: the feature assembler and the logistic regression
     */
    record Candidate(double regParam, double testAuc, double[] objectiveHistory, double[] coefficients,
                     PipelineModel model) {
    }

    /**
     * The trained candidates and the test split they were evaluated on.
     *
     * @param candidates one a regularisation value
     * @param testKeys the {@code customer_id} of every test row
     */
    record Sweep(List<Candidate> candidates, List<String> testKeys) {
    }

    /**
     * Records the test split on each candidate's run, so the grader recomputes test_auc on the same rows from the
     * logged model.
     */
    private static void recordTestSplit(LabContext context, List<String> testKeys, List<String> runIds) {
        byte[] keys = (String.join("\n", testKeys) + "\n").getBytes(StandardCharsets.UTF_8);
        for (String runId : runIds) {
            context.mlflow().artifacts().upload(runId, TEST_KEYS_ARTIFACT, keys);
        }
    }

    /** Logs each candidate's pipeline as an MLflow model under its run, so the grader can score it itself. */
    private static void logModels(LabContext context, List<Candidate> candidates, List<String> runIds) {
        StructType inputs = new StructType(FEATURES.stream()
                .map(name -> LabDataset.CUSTOMER_CHURN.schema().apply(name)).toArray(StructField[]::new));
        ModelSignature signature = ModelSignature.infer(inputs,
                new StructType().add("prediction", DataTypes.DoubleType, false));
        for (int i = 0; i < candidates.size(); i++) {
            context.models().log(runIds.get(i), candidates.get(i).model(), signature);
        }
    }

    private static Sweep train(LabContext context) {
        String[] columns = FEATURES.toArray(String[]::new);
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN).na().drop(columns);
        Dataset<Row>[] split = churn.randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> test = split[1].cache();
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator()
                .setLabelCol(label).setMetricName("areaUnderROC");
        List<Candidate> candidates = new ArrayList<>();
        for (double regParam : REG_PARAMS) {
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(columns).setOutputCol("features"),
                new LogisticRegression().setLabelCol(label).setRegParam(regParam).setMaxIter(MAX_ITER)
            }).fit(train);
            LogisticRegressionModel regression = (LogisticRegressionModel) model.stages()[1];
            double testAuc = auc.evaluate(model.transform(test));
            context.log(String.format("Trained regParam=%s: test AUC %.4f", regParam, testAuc));
            candidates.add(new Candidate(regParam, testAuc, regression.summary().objectiveHistory(),
                    regression.coefficients().toArray(), model));
        }
        List<String> testKeys = test.select(LabDataset.CUSTOMER_CHURN.keyColumn()).as(Encoders.STRING())
                .collectAsList();
        return new Sweep(candidates, testKeys);
    }
}
