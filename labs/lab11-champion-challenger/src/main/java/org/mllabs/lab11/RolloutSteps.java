package org.mllabs.lab11;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.StepNotDoneException;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 11, the steps: the rollout of a challenger on a serving endpoint. {@code serving} is the serving service's
 * client, {@code registry} the model registry. Build configs with {@code table.config()}, which records every request
 * in the lab's inference table: {@code .servedEntity(name, model, version)}, {@code .route(name, percent)},
 * {@code .shadow(name)}.
 */
final class RolloutSteps {

    private final LabContext context;
    private final ServingClient serving;
    private final ModelRegistry registry;

    RolloutSteps(LabContext context) {
        this.context = context;
        this.serving = context.serving();
        this.registry = context.mlflow().registry();
    }

    /**
     * Step 1: points {@code @Champion} at the first version and {@code @Challenger} at the second, then creates the
     * endpoint serving the version {@code @Champion} resolves to, pinned by number, with the inference table.
     */
    void serveChampion(String endpoint, String model, List<String> versions, InferenceTable table) {
        // TODO lab11.step1
        throw new StepNotDoneException("lab11.step1", "set @Champion and @Challenger, then create the endpoint "
                + "serving the version @Champion resolves to, with table.config(), and wait until it is ready.");
    }

    /** Step 2: adds the version {@code @Challenger} points at as a shadow; the champion keeps all the traffic. */
    void addShadow(String endpoint, String model, InferenceTable table) {
        // TODO lab11.step2
        throw new StepNotDoneException("lab11.step2", "update the endpoint's config: the champion with 100 % of "
                + "the traffic and the challenger as a shadow (.shadow(name)).");
    }

    /**
     * Step 3: pairs the champion's answers with the shadow's by request and customer, joins the labels, and logs
     * each one's accuracy on those pairs, and how many pairs, in a run {@value ChampionChallengerLab#COMPARISON_RUN}.
     */
    void compareOnShadow(Dataset<Row> answers, Dataset<Row> labels) {
        // TODO lab11.step3
        throw new StepNotDoneException("lab11.step3", "pair the champion's and the shadow's answers by "
                + "databricks_request_id and customer_id, and log champion_accuracy, challenger_accuracy and "
                + "shadow_pairs in a run " + ChampionChallengerLab.COMPARISON_RUN + ".");
    }

    /** Step 4: routes {@code challengerPercent} % of the traffic to the challenger and the rest to the champion. */
    void splitTraffic(String endpoint, String model, InferenceTable table, int challengerPercent) {
        // TODO lab11.step4
        throw new StepNotDoneException("lab11.step4", "serve both versions and route challengerPercent % to the "
                + "challenger, the rest to the champion.");
    }

    /**
     * Step 5: moves {@code @Champion} to the version {@code @Challenger} points at and re-pins the endpoint to that
     * version alone; returns it.
     */
    String promoteChallenger(String endpoint, String model, InferenceTable table) {
        // TODO lab11.step5
        throw new StepNotDoneException("lab11.step5", "move @Champion to @Challenger's version and re-pin the "
                + "endpoint to that version alone: moving the alias changes nothing the endpoint serves.");
    }

    /**
     * Step 6: measures the live accuracy of the version {@code @Champion} points at and of {@code previous} on their
     * answers in the inference table, logs both in a run {@value ChampionChallengerLab#REGRESSION_RUN}, and, when the
     * candidate is worse by more than {@value ChampionChallengerLab#REGRESSION_MARGIN}, moves {@code @Champion} back
     * to {@code previous} and re-pins the endpoint to it; returns the version {@code @Champion} points at then.
     */
    String rollBackIfRegressed(Dataset<Row> answers, Dataset<Row> labels, String endpoint, String model,
                               InferenceTable table, String previous) {
        // TODO lab11.step6
        throw new StepNotDoneException("lab11.step6", "log candidate_accuracy and previous_accuracy in a run "
                + ChampionChallengerLab.REGRESSION_RUN + " and, on a regression, roll back the alias and the "
                + "endpoint to previous.");
    }
}
