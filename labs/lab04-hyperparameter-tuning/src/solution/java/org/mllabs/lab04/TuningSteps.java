package org.mllabs.lab04;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 04, reference solution of the steps.
 */
final class TuningSteps {

    private final LabContext context;
    private final MlflowClient mlflow;
    private final LabRuns runs;

    TuningSteps(LabContext context) {
        this.context = context;
        this.mlflow = context.tracking();
        this.runs = new LabRuns(context);
    }

    /** Step 1: the candidates, regParam × elasticNetParam of the regression, built with a ParamGridBuilder. */
    ParamMap[] paramGrid(LogisticRegression regression) {
        // DONE lab04.step1
        return new ParamGridBuilder()
                .addGrid(regression.regParam(), new double[] {0.001, 0.05, 0.3})
                .addGrid(regression.elasticNetParam(), new double[] {0.0, 1.0})
                .build();
    }

    /** Step 2: 3-fold cross-validation of the pipeline over the grid, seeded. */
    CrossValidator crossValidator(Pipeline pipeline, ParamMap[] grid, Evaluator evaluator) {
        // DONE lab04.step2
        return new CrossValidator()
                .setEstimator(pipeline)
                .setEstimatorParamMaps(grid)
                .setEvaluator(evaluator)
                .setNumFolds(3)
                .setSeed(TuningLab.SEED)
                .setParallelism(2);
    }

    /** Step 3: one 80/20 train/validation split of the pipeline over the same grid, seeded. */
    TrainValidationSplit trainValidationSplit(Pipeline pipeline, ParamMap[] grid, Evaluator evaluator) {
        // DONE lab04.step3
        return new TrainValidationSplit()
                .setEstimator(pipeline)
                .setEstimatorParamMaps(grid)
                .setEvaluator(evaluator)
                .setTrainRatio(0.8)
                .setSeed(TuningLab.SEED)
                .setParallelism(2);
    }

    /**
     * Step 4: logs each candidate as a finished child run of the parent, with its grid point's params and its metric
     * {@code auc}; returns the candidates as logged, in the grid's order.
     */
    List<Candidate> logCandidates(String parentRunId, ParamMap[] grid, double[] metrics) {
        // DONE lab04.step4
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            Map<String, String> params = new TreeMap<>();
            for (ParamPair<?> pair : grid[i].toList()) {
                params.put(pair.param().name(), String.valueOf(pair.value()));
            }
            double auc = metrics[i];
            String runId = runs.startNested(parentRunId, params.toString());
            params.forEach((name, value) -> mlflow.logParam(runId, name, value));
            mlflow.logMetric(runId, "auc", auc);
            runs.end(runId, RunStatus.FINISHED);
            candidates.add(new Candidate(runId, params, auc));
        }
        return candidates;
    }

    /** Step 5: how many models the cross-validator fits, counted from its grid and folds. */
    int modelsFitted(CrossValidator crossValidator) {
        // DONE lab04.step5
        // every grid point on every fold's training part, then the best grid point once more on all the data
        return crossValidator.getEstimatorParamMaps().length * crossValidator.getNumFolds() + 1;
    }

    /** Step 5: how many models the train/validation split fits, counted from its grid. */
    int modelsFitted(TrainValidationSplit trainValidationSplit) {
        // DONE lab04.step5
        // every grid point on the training part, then the best grid point once more on all the data
        return trainValidationSplit.getEstimatorParamMaps().length + 1;
    }

    /** Step 6: logs the tuner's best model, refit on all the data, under {@code model/} of the parent run. */
    void logBestModel(String parentRunId, Model<?> bestModel, ModelSignature signature) {
        // DONE lab04.step6
        PipelineModel pipeline = (PipelineModel) bestModel;
        LogisticRegressionModel regression = (LogisticRegressionModel) pipeline.stages()[pipeline.stages().length - 1];
        context.log("Best model: regParam=" + regression.getRegParam()
                + ", elasticNetParam=" + regression.getElasticNetParam());
        context.models().log(parentRunId, "model", pipeline, signature);
    }

    /**
     * Step 7: finds the best candidate, in the evaluator's direction, and records it on the parent run: a param
     * {@code best_<name>} for each of its params and the metric {@code best_auc}.
     */
    void recordBest(String parentRunId, List<Candidate> candidates, Evaluator evaluator) {
        // DONE lab04.step7
        Comparator<Candidate> byMetric = Comparator.comparingDouble(Candidate::metric);
        Candidate best = evaluator.isLargerBetter()
                ? Collections.max(candidates, byMetric)
                : Collections.min(candidates, byMetric);
        best.params().forEach((name, value) -> mlflow.logParam(parentRunId, "best_" + name, value));
        mlflow.logMetric(parentRunId, "best_auc", best.metric());
        context.log("Best candidate: " + best.params() + " with auc " + best.metric());
    }
}
