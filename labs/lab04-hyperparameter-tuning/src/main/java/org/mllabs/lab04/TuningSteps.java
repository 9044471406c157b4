package org.mllabs.lab04;

import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;
import org.mllabs.runtime.model.ModelSignature;

/**
 * Lab 04, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab04` checks it in MLflow.
 *
 * <p>{@code context.tracking()} is MLflow's Java client; {@code new LabRuns(context)} starts runs in your experiment
 * with the lab's tags, nested under a parent with {@code startNested}; {@code context.models()} logs Spark models.
 */
final class TuningSteps {

    private final LabContext context;

    TuningSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: the candidates, regParam × elasticNetParam of the regression, built with a ParamGridBuilder. */
    ParamMap[] paramGrid(LogisticRegression regression) {
        // TODO lab04.step1
        throw new StepNotDoneException("lab04.step1",
                "build the grid regParam x elasticNetParam with ParamGridBuilder");
    }

    /** Step 2: 3-fold cross-validation of the pipeline over the grid, seeded. */
    CrossValidator crossValidator(Pipeline pipeline, ParamMap[] grid, Evaluator evaluator) {
        // TODO lab04.step2
        throw new StepNotDoneException("lab04.step2", "configure a CrossValidator with 3 folds and the seed");
    }

    /** Step 3: one 80/20 train/validation split of the pipeline over the same grid, seeded. */
    TrainValidationSplit trainValidationSplit(Pipeline pipeline, ParamMap[] grid, Evaluator evaluator) {
        // TODO lab04.step3
        throw new StepNotDoneException("lab04.step3",
                "configure a TrainValidationSplit with trainRatio 0.8 and the seed");
    }

    /**
     * Step 4: logs each candidate as a finished child run of the parent, with its grid point's params and its metric
     * {@code auc}; returns the candidates as logged, in the grid's order.
     */
    List<Candidate> logCandidates(String parentRunId, ParamMap[] grid, double[] metrics) {
        // TODO lab04.step4
        throw new StepNotDoneException("lab04.step4", "log one child run per grid point with its params and auc");
    }

    /** Step 5: how many models the cross-validator fits, counted from its grid and folds. */
    int modelsFitted(CrossValidator crossValidator) {
        // TODO lab04.step5
        throw new StepNotDoneException("lab04.step5", "count the models a CrossValidator fits");
    }

    /** Step 5: how many models the train/validation split fits, counted from its grid. */
    int modelsFitted(TrainValidationSplit trainValidationSplit) {
        // TODO lab04.step5
        throw new StepNotDoneException("lab04.step5", "count the models a TrainValidationSplit fits");
    }

    /** Step 6: logs the tuner's best model, refit on all the data, under {@code model/} of the parent run. */
    void logBestModel(String parentRunId, Model<?> bestModel, ModelSignature signature) {
        // TODO lab04.step6
        throw new StepNotDoneException("lab04.step6", "log the best model under model/ of the parent run");
    }

    /**
     * Step 7: finds the best candidate, in the evaluator's direction, and records it on the parent run: a param
     * {@code best_<name>} for each of its params and the metric {@code best_auc}.
     */
    void recordBest(String parentRunId, List<Candidate> candidates, Evaluator evaluator) {
        // TODO lab04.step7
        throw new StepNotDoneException("lab04.step7", "record the best candidate's params and auc on the parent run");
    }
}
