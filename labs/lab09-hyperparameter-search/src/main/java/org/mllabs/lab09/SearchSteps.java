package org.mllabs.lab09;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.search.Algorithm;
import org.mllabs.runtime.search.Objective;
import org.mllabs.runtime.search.SearchSpace;

/**
 * Lab 09, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab09` checks it in MLflow.
 *
 * <p>The search itself is {@code org.mllabs.runtime.search}: {@code SearchSpace}, {@code Search.minimize},
 * {@code TrialResult} and {@code MlflowTrialLogger}. {@code context.tracking()} is MLflow's Java client;
 * {@code context.models()} registers models and {@code context.mlflow().registry()} sets aliases.
 */
final class SearchSteps {

    private final LabContext context;

    SearchSteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: the search space: reg_param, elastic_net and max_iter. */
    SearchSpace space() {
        // TODO lab09.step1
        throw new StepNotDoneException("lab09.step1", "define the search space: reg_param, elastic_net, max_iter");
    }

    /** Step 2: the objective: fits a pipeline on the training part, loss = 1 - validation AUC. */
    Objective objective(Dataset<Row> train, Dataset<Row> validation, TrialModels models) {
        // TODO lab09.step2
        throw new StepNotDoneException("lab09.step2", "write the objective: loss = 1 - validation AUC");
    }

    /** Step 3: one search as a parent run whose trials are child runs; the parent is finished. */
    SearchRun runSearch(String experimentId, Algorithm algorithm, SearchSpace space, Objective objective) {
        // TODO lab09.step3
        throw new StepNotDoneException("lab09.step3", "run the search as a parent run with MlflowTrialLogger");
    }

    /** Step 4: reads the trials back from MLflow and records each search's best loss on a summary run. */
    Comparison compare(String experimentId, List<SearchRun> searches) {
        // TODO lab09.step4
        throw new StepNotDoneException("lab09.step4", "compare the searches' best losses with searchRuns");
    }

    /** Step 5: registers the best trial's model and points the alias Champion at it. */
    ModelVersion registerBest(Comparison comparison) {
        // TODO lab09.step5
        throw new StepNotDoneException("lab09.step5", "register the best trial's model with the alias Champion");
    }
}
