package org.mllabs.graders.lab11;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.RecordedLoads;
import org.mllabs.grading.evidence.ServedEndpoint;
import org.mllabs.runtime.audit.ModelLoad;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.serving.LearnerEndpointNames;

/**
 * What lab 11 leaves, read once a grade: the registered model's versions (told apart by the feature set of the run
 * each came from, never by their numbers), the endpoint with its config history and inference table (the serving
 * service's records), the batch job's loads through {@code @Champion} (the runtime's records), the learner's runs,
 * and the labels of the lab's dataset.
 */
final class RolloutEvidence {

    private final LearnerRuns runs;
    private final String model;
    private final ServedEndpoint endpoint;
    private final Map<String, String> versionByFeatureSet = new HashMap<>();
    private Map<String, Long> labels;
    private final Map<String, Map<String, Double>> rescored = new HashMap<>();

    private RolloutEvidence(LearnerRuns runs) {
        this.runs = runs;
        this.model = LearnerModelNames.catalogName(runs.context().learner(), RolloutGrader.MODEL);
        this.endpoint = ServedEndpoint.read(runs.context(), LearnerEndpointNames.endpoint(runs.context().learner(),
                RolloutGrader.STEPS.labId(), RolloutGrader.ENDPOINT));
        ModelRegistry registry = runs.context().mlflow().registry();
        if (registry.findRegisteredModel(model).isPresent()) {
            for (ModelVersion version : registry.versions(model)) {
                runs.runs("").stream().filter(run -> run.getInfo().getRunId().equals(version.runId())).findFirst()
                        .map(run -> RunData.params(run).get("feature_set"))
                        .ifPresent(featureSet -> versionByFeatureSet.putIfAbsent(featureSet, version.version()));
            }
        }
    }

    static RolloutEvidence of(LearnerRuns runs) {
        return new RolloutEvidence(runs);
    }

    LearnerRuns runs() {
        return runs;
    }

    /** The registered model's three-part name. */
    String model() {
        return model;
    }

    ServedEndpoint endpoint() {
        return endpoint;
    }

    /** The version registered from the run of a feature set: numeric (v1), all (v2), retrain (v3). */
    Optional<String> version(String featureSet) {
        return Optional.ofNullable(versionByFeatureSet.get(featureSet));
    }

    /**
     * The configs the endpoint served, in order; a config asked for again unchanged (the same shares, shadows, models
     * and inference table as the one serving) counts once, as it changed nothing.
     */
    List<ServedConfig> served() {
        List<ServedConfig> changes = new ArrayList<>();
        endpoint.servedConfigs().stream().map(ServedConfig::of).sorted(Comparator.comparingInt(ServedConfig::version))
                .forEach(config -> {
                    if (changes.isEmpty() || !changes.get(changes.size() - 1).servesAlike(config)) {
                        changes.add(config);
                    }
                });
        return changes;
    }

    /** The customers' answers in the inference table. */
    List<Answer> answers() {
        return Answer.unpack(endpoint.table());
    }

    /** The answers that arrived while the config served: from its start until the next one's. */
    List<Answer> answersDuring(ServedConfig config) {
        List<ServedConfig> served = served();
        long until = served.stream().filter(c -> c.version() > config.version()).mapToLong(ServedConfig::servedAt)
                .min().orElse(Long.MAX_VALUE);
        return answers().stream().filter(a -> a.arrivedAt() >= config.servedAt() && a.arrivedAt() < until).toList();
    }

    /** The batch job's loads of {@code models:/<name>@Champion}, in order, with the versions they resolved to. */
    List<ModelLoad> championLoads() {
        return RecordedLoads.of(runs.context(), RolloutGrader.STEPS.labId()).all().stream()
                .filter(load -> load.uri().endsWith("@Champion")).toList();
    }

    /** Where {@code @Champion} points now. */
    Optional<String> championAlias() {
        return Optional.ofNullable(runs.context().mlflow().registry().aliases(model).get("Champion"));
    }

    /** The newest top-level run of that name. */
    Optional<Run> run(String name) {
        return runs.newestTopLevelRun(name);
    }

    /** Each customer's label in the lab's dataset. */
    synchronized Map<String, Long> labels() {
        if (labels == null) {
            labels = runs.dataset(LabDataset.CUSTOMER_CHURN).select(RolloutGrader.KEY, RolloutGrader.LABEL)
                    .collectAsList().stream().collect(Collectors.toMap(row -> row.getString(0),
                            row -> row.getLong(1), (a, b) -> a));
        }
        return labels;
    }

    /**
     * The registered version's accuracy on {@value RolloutGrader#HELD_OUT_ROWS} rows the grader draws from its own
     * seed, which the lab never sent: how the two versions compare on data neither the learner nor the traffic chose.
     */
    double heldOutAccuracy(String version) {
        PipelineModel loaded = runs.model("models:/" + model + "/" + version).orElseThrow(() ->
                new IllegalStateException("version " + version + " of " + model + " does not load"));
        Dataset<Row> scored = loaded.transform(runs.heldOut(LabDataset.CUSTOMER_CHURN, RolloutGrader.HELD_OUT_ROWS));
        long all = scored.count();
        long right = scored.filter(col("prediction").equalTo(col(RolloutGrader.LABEL).cast("double"))).count();
        return all == 0 ? 0 : (double) right / all;
    }

    /**
     * The registered version's own predictions for the customers, scored by the grader: the version loaded from the
     * registry and run on the dataset's rows of those customers.
     */
    synchronized Map<String, Double> rescore(String version, Set<String> customers) {
        Map<String, Double> cached = rescored.computeIfAbsent(version, v -> new LinkedHashMap<>());
        if (cached.keySet().containsAll(customers)) {
            return cached;
        }
        PipelineModel loaded = runs.model("models:/" + model + "/" + version).orElseThrow(() ->
                new IllegalStateException("version " + version + " of " + model + " does not load"));
        Dataset<Row> rows = runs.dataset(LabDataset.CUSTOMER_CHURN)
                .filter(col(RolloutGrader.KEY).isin(customers.toArray()));
        for (Row row : loaded.transform(rows).select(RolloutGrader.KEY, "prediction").collectAsList()) {
            cached.put(row.getString(0), row.getDouble(1));
        }
        return cached;
    }
}
