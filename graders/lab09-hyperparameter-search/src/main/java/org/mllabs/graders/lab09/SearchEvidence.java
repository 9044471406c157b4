package org.mllabs.graders.lab09;

import static org.mllabs.runtime.mlflow.RunData.id;
import static org.mllabs.runtime.mlflow.RunData.metrics;
import static org.mllabs.runtime.mlflow.RunData.tags;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.Tolerance;
import org.mllabs.grading.evidence.HeldOutAuc;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LogisticRefit;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.ArtifactUris;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;
import org.mllabs.runtime.model.MlModelFiles;
import org.mllabs.runtime.model.ModelUri;

/**
 * What the MLflow server holds of a learner's lab 09: the two searches' parent runs and their trials, the comparison
 * run and the registered model, read through the grade's {@link LearnerRuns}; and the churn rows the searches'
 * recorded validation keys ({@value #VALIDATION_KEYS_FILE}) split into the trials' training and validation parts, on
 * which the grader recomputes trials' losses.
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
    /** The artifact of each search's run, written by the given code, with the keys of the validation rows. */
    static final String VALIDATION_KEYS_FILE = "validation_keys.txt";
    static final String KEY_COLUMN = "customer_id";
    /** The share of the churn rows the validation part holds, and how far a recorded split may be from it. */
    static final double VALIDATION_SHARE = 0.2;
    static final double VALIDATION_SHARE_TOLERANCE = 0.03;
    /** The runtime's tag on a search's run with the run id of its best trial. */
    static final String BEST_RUN_TAG = "mllabs.search.best_run_id";
    static final LogisticRefit REFIT = new LogisticRefit(SearchGrader.FEATURES,
            LabDataset.CUSTOMER_CHURN.labelColumn());

    private final LearnerRuns runs;
    private final Map<List<String>, RecordedParts> parts = new ConcurrentHashMap<>();

    private SearchEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static SearchEvidence of(GradingContext context) {
        return SearchGrader.STEPS.evidence(context, SearchEvidence.class, SearchEvidence::new);
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

    /** The trial with the highest loss among these. */
    static Optional<Run> worst(List<Run> trials) {
        return trials.stream().filter(run -> metrics(run).containsKey(LOSS))
                .max(Comparator.comparingDouble(run -> metrics(run).get(LOSS)));
    }

    /**
     * The best trial of the search with this algorithm: of the trials with the lowest loss, the one the runtime tagged
     * best on the search's run (the one whose model the given code logged), else the first.
     */
    Optional<Run> bestTrial(String algorithm) {
        List<Run> trials = trials(algorithm);
        Optional<Run> best = best(trials);
        String tagged = parent(algorithm).map(parent -> tags(parent).get(BEST_RUN_TAG)).orElse(null);
        return best.flatMap(first -> trials.stream().filter(trial -> id(trial).equals(tagged)
                        && metrics(trial).containsKey(LOSS)
                        && Tolerance.close(metrics(first).get(LOSS), metrics(trial).get(LOSS))).findFirst())
                .or(() -> best);
    }

    /** The validation keys the given code recorded on the search's run; empty when there is no such record. */
    Optional<RecordedSplit> validationSplit(String algorithm) {
        return parent(algorithm).flatMap(parent -> runs.artifact(parent, VALIDATION_KEYS_FILE))
                .map(RecordedSplit::parse);
    }

    /** The keys of the churn rows that have every feature, the rows the lab splits. Starts Spark. */
    List<String> churnKeys() {
        return churn().select(KEY_COLUMN).as(Encoders.STRING()).collectAsList();
    }

    /** The training and validation parts the recorded validation keys make of the churn rows. */
    RecordedParts parts(RecordedSplit split) {
        return parts.computeIfAbsent(split.keys(), keys -> {
            Dataset<Row> validation = split.rowsOf(churn(), KEY_COLUMN).cache();
            Dataset<Row> train = churn().join(validation.select(KEY_COLUMN), churn().col(KEY_COLUMN)
                    .equalTo(validation.col(KEY_COLUMN)), "left_anti").cache();
            return new RecordedParts(train, validation);
        });
    }

    private Dataset<Row> churn() {
        return runs.dataset(LabDataset.CUSTOMER_CHURN).na().drop(SearchGrader.FEATURES.toArray(String[]::new));
    }

    /** The model the run logged under {@code model/}; empty when there is none. Starts Spark on first use. */
    Optional<PipelineModel> model(Run run) {
        return runs.model(run, MODEL_PATH);
    }

    /**
     * The churn rows the lab's trials were fitted on and scored on, as the recorded validation keys split them.
     *
     * @param train the rows with every feature whose key is not recorded
     * @param validation the rows whose key is recorded
     */
    record RecordedParts(Dataset<Row> train, Dataset<Row> validation) {
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

    /** The artifact URI of the run's {@code model/} directory, where the given code logs a best trial's model. */
    static String modelDirectory(Run run) {
        return run.getInfo().getArtifactUri() + "/" + MODEL_PATH;
    }

    /** The run of the lab with this id, if any. */
    Optional<Run> run(String runId) {
        return runs.runs("").stream().filter(run -> id(run).equals(runId)).findFirst();
    }

    /**
     * The artifact URI of the files the version's source names: a {@code runs:/RUN_ID/PATH} source is that run's
     * artifact directory, any other source is itself.
     */
    String resolvedSource(ModelVersion version) {
        if (version.source().startsWith("runs:/")) {
            try {
                if (ModelUri.parse(version.source()) instanceof ModelUri.RunModel run) {
                    return runs.context().mlflow().artifactUriOf(run.runId()) + "/" + run.path();
                }
            } catch (IllegalArgumentException | MlflowApiException e) {
                return version.source();
            }
        }
        return version.source();
    }

    /** Whether the directory an artifact URI names holds an MLflow model ({@value MlModelFiles#MLMODEL}). */
    boolean holdsModel(String artifactUri) {
        try {
            ArtifactUris.proxyPath(artifactUri);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return runs.context().mlflow().artifacts().entries(artifactUri).stream()
                .anyMatch(entry -> !entry.isDir() && entry.path().equals(MlModelFiles.MLMODEL));
    }

    /**
     * The model the version's source holds, loaded as {@code models:/NAME/VERSION} resolves it; empty when its source
     * holds none, or an MLflow model that is no Spark model. Starts Spark on first use.
     */
    Optional<PipelineModel> versionModel(ModelVersion version) {
        if (!holdsModel(resolvedSource(version))) {
            return Optional.empty();
        }
        try {
            return runs.model("models:/" + version.name() + "/" + version.version());
        } catch (IllegalArgumentException e) {
            // the loader's word for a directory that is not a Spark model: no spark flavor in its MLmodel
            return Optional.empty();
        }
    }

    /** The run of the lab whose artifacts hold the artifact URI, if any. */
    Optional<Run> ownerOf(String artifactUri) {
        return runs.runs("").stream().filter(run -> artifactUri.startsWith(run.getInfo().getArtifactUri() + "/")
                || artifactUri.equals(run.getInfo().getArtifactUri())).findFirst();
    }

    /**
     * One minus the AUC of the model the run logged under {@code model/}, on held-out rows drawn from the grading seed:
     * the loss the model really earns. Empty when the run logged no model. Starts Spark on first use.
     */
    Optional<Double> heldOutLoss(Run run) {
        return model(run).map(model -> 1 - HeldOutAuc.of(model,
                runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS)
                        .na().drop(SearchGrader.FEATURES.toArray(String[]::new)),
                LabDataset.CUSTOMER_CHURN.labelColumn()));
    }
}
