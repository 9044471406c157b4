package org.mllabs.graders.lab06;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.evidence.HeldOutAuc;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.RecordedLoads;
import org.mllabs.grading.evidence.RecordedRefusals;
import org.mllabs.grading.evidence.RecordedSplit;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What the MLflow server holds of a learner's lab 06: the registered model {@code mllabs.<learner>.churn_classifier},
 * its versions, the learner's runs, the evaluation rows the given code recorded ({@link RecordedSplit}), and the
 * refusals and model loads the runtime recorded, read through the grade's {@link LearnerRuns},
 * {@link RecordedRefusals}, {@link RecordedLoads} and the registry.
 */
final class RegistryEvidence {

    /** The model's own name, the third part of its registered name. */
    static final String MODEL = "churn_classifier";
    /** Rows of held-out data each version's model is scored on. */
    static final int HELD_OUT_ROWS = 2_000;
    /** The artifact on each candidate's run that records the rows step 5 compares the versions on. */
    static final String EVALUATION_KEYS_ARTIFACT = "split/evaluation_keys.txt";
    /** The runs of the given code that train the candidates. */
    private static final String TRAINING_RUNS = "attributes.run_name LIKE 'train-%'";

    private final LearnerRuns runs;
    private final ModelRegistry registry;
    private final String name;
    private final Map<String, Optional<Double>> heldOutAucs = new ConcurrentHashMap<>();
    private final Map<String, Optional<Double>> evaluationAucs = new ConcurrentHashMap<>();
    private final AtomicBoolean preloaded = new AtomicBoolean();

    private RegistryEvidence(LearnerRuns runs) {
        this.runs = runs;
        this.registry = runs.context().mlflow().registry();
        this.name = LearnerModelNames.catalogName(runs.context().learner(), MODEL);
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static RegistryEvidence of(GradingContext context) {
        return RegistryGrader.STEPS.evidence(context, RegistryEvidence.class, RegistryEvidence::new);
    }

    /** The learner's runs of lab 06. */
    LearnerRuns runs() {
        return runs;
    }

    /** The refused operations the runtime recorded while the learner's lab ran. */
    RecordedRefusals refusals() {
        return RecordedRefusals.of(runs.context(), runs.labId());
    }

    /** The models the runtime recorded the learner's lab loading, with the versions their URIs resolved to. */
    RecordedLoads loads() {
        return RecordedLoads.of(runs.context(), runs.labId());
    }

    /** The registry. */
    ModelRegistry registry() {
        return registry;
    }

    /** The name the learner's model must have: {@code mllabs.<learner schema>.churn_classifier}. */
    String name() {
        return name;
    }

    /** The two-part name catalog mode must refuse: {@code <learner schema>.churn_classifier}. */
    String twoPartName() {
        return LearnerModelNames.schemaName(runs.context().learner(), MODEL);
    }

    /** The registered model, or empty when it does not exist. */
    Optional<RegisteredModel> model() {
        return registered().model();
    }

    /** Its versions, oldest first. */
    List<ModelVersion> versions() {
        return registered().versions();
    }

    private Registered registered() {
        return runs.context().evidence(Registered.class, () -> {
            Optional<RegisteredModel> found = registry.findRegisteredModel(name);
            return new Registered(found, found.isPresent() ? registry.versions(name) : List.of());
        });
    }

    /**
     * The registered model the learner's name finds and its versions, oldest first, as the registry holds them for
     * this grade.
     */
    private record Registered(Optional<RegisteredModel> model, List<ModelVersion> versions) {
    }

    /** The learner's run with this id in the lab's experiment, if there is one. */
    Optional<Run> run(String runId) {
        return runs.runs("").stream().filter(run -> RunData.id(run).equals(runId)).findFirst();
    }

    /**
     * The evaluation rows recorded on the run a version came from, else on the first of the learner's training runs
     * that records them (the given code records the same rows on every candidate's run, so a version registered from
     * a wrong run still has rows to be scored on); empty when no run records them.
     */
    Optional<RecordedSplit> evaluationRows(ModelVersion version) {
        return run(version.runId()).flatMap(run -> runs.artifact(run, EVALUATION_KEYS_ARTIFACT))
                .or(() -> runs.runs(TRAINING_RUNS).stream().map(run -> runs.artifact(run, EVALUATION_KEYS_ARTIFACT))
                        .flatMap(Optional::stream).findFirst())
                .map(RecordedSplit::parse);
    }

    /**
     * The AUC of a version's model ({@code models:/<name>/<version>}) on the churn rows whose keys were recorded;
     * empty when the version has no loadable model.
     */
    Optional<Double> evaluationAuc(String version, RecordedSplit rows) {
        return evaluationAucs.computeIfAbsent(version, v -> runs.model("models:/" + name + "/" + v)
                .map(model -> HeldOutAuc.of(model, rows.rowsOf(churn(), LabDataset.CUSTOMER_CHURN.keyColumn()),
                        LabDataset.CUSTOMER_CHURN.labelColumn())));
    }

    /** Every row of the churn dataset, as the lab loads it. */
    private Dataset<Row> churn() {
        return runs.dataset(LabDataset.CUSTOMER_CHURN);
    }

    /**
     * The AUC of a version's model ({@code models:/<name>/<version>}) on held-out data drawn from the grading seed;
     * empty when the version has no loadable model. Starts Spark on first use, and then loads every version's model in
     * the background, since the checks score them all.
     */
    Optional<Double> heldOutAuc(String version) {
        if (!preloaded.getAndSet(true)) {
            runs.preload(versions().stream().map(v -> "models:/" + name + "/" + v.version()).toList());
        }
        return heldOutAucs.computeIfAbsent(version, v -> runs.model("models:/" + name + "/" + v)
                .map(model -> HeldOutAuc.of(model, runs.heldOut(LabDataset.CUSTOMER_CHURN, HELD_OUT_ROWS),
                        LabDataset.CUSTOMER_CHURN.labelColumn())));
    }
}
