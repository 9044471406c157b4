package org.mllabs.lab06;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;

/**
 * Lab 06, your steps. Replace each {@code throw new StepNotDoneException(...)} with your code; README.md explains
 * every step and `lab grade lab06` checks it in the registry.
 *
 * <p>{@code context.catalog()} is the registry in catalog mode (three-part names only; the runtime records what it
 * refuses); {@code context.mlflow().registry()} reads and writes versions, tags and aliases; {@code context.models()}
 * loads a model by URI (the runtime records each load, with the version it resolved to).
 */
final class RegistrySteps {

    private final LabContext context;

    RegistrySteps(LabContext context) {
        this.context = context;
    }

    /** Step 1: creates the registered model {@code name} in catalog mode, with the lab's tags. */
    void createModel(String name) {
        // TODO lab06.step1
        throw new StepNotDoneException("lab06.step1",
                "create the registered model in catalog mode with the lab's tags");
    }

    /** Step 2: registers the model the run logged under {@code model/} as a new version; returns its number. */
    String registerVersion(String name, String runId) {
        // TODO lab06.step2
        throw new StepNotDoneException("lab06.step2", "register the run's model/ as a new version");
    }

    /** Step 3: tags the version with its validation status and its feature set. */
    void tagVersion(String name, String version, String featureSet) {
        // TODO lab06.step3
        throw new StepNotDoneException("lab06.step3", "set the version tags validation_status and feature_set");
    }

    /** Step 4: points {@code @Champion} at the first version and {@code @Challenger} at the newest. */
    void setAliases(String name, List<String> versions) {
        // TODO lab06.step4
        throw new StepNotDoneException("lab06.step4", "set @Champion on the first version, @Challenger on the newest");
    }

    /**
     * Step 5: scores every version on the evaluation data, records each one's AUC as its version tag
     * {@value RegistryLab#AUC_TAG}, moves {@code @Champion} to the best, returns it.
     */
    String promoteBest(String name, List<String> versions, Dataset<Row> evaluation) {
        // TODO lab06.step5
        throw new StepNotDoneException("lab06.step5",
                "load each version by number, score it, tag it eval_auc, move @Champion to the best");
    }

    /** Step 6: scores the batch with the model {@code @Champion} points at, in a run that records what it used. */
    void scoreBatch(String experimentId, String name, Dataset<Row> batch) {
        // TODO lab06.step6
        throw new StepNotDoneException("lab06.step6", "load models:/<name>@Champion, score the batch, log the run");
    }

    /** Step 7: tries to create the two-part name in catalog mode, which refuses it; the runtime records the refusal. */
    void tryTwoPartName() {
        // TODO lab06.step7
        throw new StepNotDoneException("lab06.step7", "try the two-part name in catalog mode and catch the refusal");
    }
}
