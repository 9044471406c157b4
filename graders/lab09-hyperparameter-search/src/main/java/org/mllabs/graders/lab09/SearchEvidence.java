package org.mllabs.graders.lab09;

import static org.mllabs.runtime.mlflow.RunData.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.HeldOutAuc;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;

/**
 * What the MLflow server holds of a learner's lab 09: the two searches' parent runs and their trials, the comparison
 * run and the registered model, read through the grade's {@link LearnerRuns}.
 */
final class SearchEvidence {

    /** The parent run of each search, by the algorithm's name as the lab logs it. */
    static final Map<String, String> PARENT_RUN_NAMES = parentRunNames();
    static final String COMPARISON_RUN_NAME = "search-comparison";
    static final String MODEL = "churn_search";
    static final String ALIAS = "Champion";
    static final String LOSS = "loss";
    static final String MODEL_PATH = "model";
    /** Rows of held-out data the best trials' models are scored on. */
    static final int HELD_OUT_ROWS = 2_000;

    private final LearnerRuns runs;

    private SearchEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks. */
    static SearchEvidence of(GradingContext context) {
        return new SearchEvidence(LearnerRuns.of(context, "lab09"));
    }

    private static Map<String, String> parentRunNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("RANDOM", "search-random");
        names.put("TPE", "search-tpe");
        return names;
    }

    /** The learner's runs of lab 09. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run of the search with this algorithm. */
    Optional<Run> parent(String algorithm) {
        return runs.newestTopLevelRun(PARENT_RUN_NAMES.get(algorithm));
    }

    /** The trials of the search with this algorithm, oldest first; none when there is no such search. */
    List<Run> trials(String algorithm) {
        return parent(algorithm).map(runs::children).orElse(List.of());
    }

    /** The trials of both searches. */
    List<Run> allTrials() {
        List<Run> all = new ArrayList<>();
        PARENT_RUN_NAMES.keySet().forEach(algorithm -> all.addAll(trials(algorithm)));
        return all;
    }

    /** The trial with the lowest loss among these, the grader's own reading of the best. */
    static Optional<Run> best(List<Run> trials) {
        return trials.stream().filter(run -> metrics(run).containsKey(LOSS))
                .min(Comparator.comparingDouble(run -> metrics(run).get(LOSS)));
    }

    /** The newest comparison run. */
    Optional<Run> comparison() {
        return runs.newestTopLevelRun(COMPARISON_RUN_NAME);
    }

    /** The learner's registered model name, {@code mllabs.<learner>.churn_search}. */
    String modelName() {
        return LearnerModelNames.catalogName(runs.context().learner(), MODEL);
    }

    /** The learner's registered model, if it exists. */
    Optional<RegisteredModel> registeredModel() {
        return runs.context().mlflow().registry().findRegisteredModel(modelName());
    }

    /** The version of the registered model the alias points at. */
    ModelVersion champion(RegisteredModel model) {
        return runs.context().mlflow().registry().getModelVersion(model.name(), model.aliases().get(ALIAS));
    }

    /**
     * One minus the AUC of the model the run logged under {@code model/}, on held-out rows drawn from the grading seed:
     * the loss the model really earns. Empty when the run logged no model. Starts Spark on first use.
     */
    Optional<Double> heldOutLoss(Run run) {
        return runs.model(run, MODEL_PATH).map(model -> 1 - HeldOutAuc.of(model,
                runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS)
                        .na().drop(SearchGrader.FEATURES.toArray(String[]::new)),
                LabDataset.CUSTOMER_CHURN.labelColumn()));
    }
}
