package org.mllabs.lab01;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;

/**
 * Lab 01, given code: opens the sweep in MLflow (steps 1 and 2), trains one logistic regression per regularisation
 * value on the customer churn data, then calls the other steps in {@link TrackingSteps}, one step at a time for every
 * candidate, to track the sweep.
 * You do not need to change this class.
 */
public final class TrackingLab implements LabExercise {

    /** The regularisation values of the sweep, one candidate each. */
    static final List<Double> REG_PARAMS = List.of(0.001, 0.01, 0.1);
    /** Iterations of the optimiser, the same for every candidate. */
    static final int MAX_ITER = 20;
    /** The features the candidates use. */
    static final List<String> FEATURES = List.of("tenure_months", "monthly_charges", "support_calls");

    private static final long SPLIT_SEED = 42L;

    @Override
    public void run(LabContext context) {
        TrackingSteps steps = new TrackingSteps(context);
        String experimentId = steps.createExperiment();
        String parentRunId = steps.startParentRun(experimentId);

        List<Candidate> candidates = train(context);
        List<String> runIds = new ArrayList<>();
        for (Candidate candidate : candidates) {
            runIds.add(steps.logCandidate(experimentId, parentRunId, candidate.regParam(), MAX_ITER, candidate.testAuc()));
        }
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
     */
    record Candidate(double regParam, double testAuc, double[] objectiveHistory, double[] coefficients) {
    }

    private static List<Candidate> train(LabContext context) {
        Dataset<Row>[] split = features(context).randomSplit(new double[] {0.8, 0.2}, SPLIT_SEED);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> test = split[1].cache();
        String label = LabDataset.CUSTOMER_CHURN.labelColumn();
        BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator()
                .setLabelCol(label).setMetricName("areaUnderROC");
        List<Candidate> candidates = new ArrayList<>();
        for (double regParam : REG_PARAMS) {
            LogisticRegressionModel model = new LogisticRegression()
                    .setLabelCol(label).setRegParam(regParam).setMaxIter(MAX_ITER).fit(train);
            double testAuc = auc.evaluate(model.transform(test));
            context.log(String.format("Trained regParam=%s: test AUC %.4f", regParam, testAuc));
            candidates.add(new Candidate(regParam, testAuc, model.summary().objectiveHistory(),
                    model.coefficients().toArray()));
        }
        return candidates;
    }

    private static Dataset<Row> features(LabContext context) {
        String[] columns = FEATURES.toArray(String[]::new);
        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN)
                .na().drop(columns);
        return new VectorAssembler().setInputCols(columns).setOutputCol("features").transform(churn);
    }
}
