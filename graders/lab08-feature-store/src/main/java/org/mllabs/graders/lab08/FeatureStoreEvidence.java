package org.mllabs.graders.lab08;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.LoggedSignature;
import org.mllabs.runtime.featurestore.FeatureSpec;
import org.mllabs.runtime.featurestore.FeatureStore;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What a learner's lab 08 left: the newest run {@value #RUN_NAME}, the feature store directory its tag
 * {@value #STORE_TAG} names, the Delta tables there (read with the Delta Kernel, never Spark), and what the run
 * logged: the training rows, the model with its feature spec, the dataset inputs.
 */
final class FeatureStoreEvidence {

    static final String RUN_NAME = "churn-feature-store";
    static final String STORE_TAG = "mllabs.feature_store.root";
    static final String TABLE = "customer_features";
    static final String PREDICTIONS = "churn_predictions";
    static final String MODEL_PATH = "model";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LearnerRuns runs;
    private List<JsonNode> trainingRows;

    private FeatureStoreEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade. */
    static FeatureStoreEvidence of(GradingContext context) {
        // read outside the supplier: the context's map of evidence cannot be updated from inside its own update
        LearnerRuns runs = LearnerRuns.of(context, "lab08");
        return context.evidence(FeatureStoreEvidence.class, () -> new FeatureStoreEvidence(runs));
    }

    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run {@value #RUN_NAME}. */
    Optional<Run> run() {
        return runs.newestTopLevelRun(RUN_NAME);
    }

    /** The feature store's directory, from the run's tag. */
    Optional<Path> root() {
        return run().map(run -> RunData.tags(run).get(STORE_TAG)).map(Path::of);
    }

    /** The feature table {@value #TABLE}; empty when the run names no store. */
    Optional<DeltaTableReader> table() {
        return root().map(root -> DeltaTableReader.open(root.resolve(TABLE)));
    }

    /**
     * The rows FeatureStoreLab handed the steps under the name ({@link FeatureStore#recordGiven}), as recorded at the
     * table's version 0; empty when the run names no store or nothing was recorded.
     */
    Optional<List<Map<String, Object>>> given(String name) {
        return root().map(root -> DeltaTableReader.open(root.resolve(FeatureStore.GIVEN).resolve(name)))
                .filter(DeltaTableReader::exists).map(table -> table.atVersion(0).rows());
    }

    /** Where the rows handed the steps under the name are recorded. */
    String givenPath(String name) {
        return root().map(root -> root.resolve(FeatureStore.GIVEN).resolve(name).toString()).orElse(name);
    }

    /** The predictions table {@value #PREDICTIONS}; empty when the run names no store. */
    Optional<DeltaTableReader> predictions() {
        return root().map(root -> DeltaTableReader.open(root.resolve(PREDICTIONS)));
    }

    /** The training rows the run logged ({@link FeatureStore#TRAINING_SET_ROWS}), one JSON object each. */
    synchronized List<JsonNode> trainingRows() {
        if (trainingRows == null) {
            trainingRows = run().flatMap(run -> runs.artifact(run, FeatureStore.TRAINING_SET_ROWS))
                    .map(FeatureStoreEvidence::jsonLines).orElse(List.of());
        }
        return trainingRows;
    }

    /** The feature spec logged next to the model; empty when there is none. */
    Optional<FeatureSpec> featureSpec() {
        return run().flatMap(run -> runs.artifact(run, MODEL_PATH + "/" + FeatureSpec.FILE))
                .map(bytes -> FeatureSpec.fromYaml(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Whether the run logged a model under {@value #MODEL_PATH}. */
    boolean hasModel() {
        return run().flatMap(run -> runs.artifact(run, MODEL_PATH + "/MLmodel")).isPresent();
    }

    /** The signature the model was logged with; empty when there is no model or it has none. */
    Optional<LoggedSignature> signature() {
        return run().flatMap(run -> runs.artifact(run, MODEL_PATH + "/MLmodel")).flatMap(LoggedSignature::parse);
    }

    /** The run's dataset inputs. */
    List<DatasetInput> datasetInputs() {
        return run().map(run -> runs.context().mlflow().datasets().of(RunData.id(run))).orElse(List.of());
    }

    /** The logged model, loaded with the grade's Spark session (started on first use). */
    Optional<PipelineModel> model() {
        return run().flatMap(run -> runs.model(run, MODEL_PATH));
    }

    private static List<JsonNode> jsonLines(byte[] bytes) {
        List<JsonNode> rows = new ArrayList<>();
        try {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The training rows are not JSON lines", e);
        }
        return rows;
    }
}
