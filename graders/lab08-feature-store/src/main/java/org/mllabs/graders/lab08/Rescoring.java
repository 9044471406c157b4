package org.mllabs.graders.lab08;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mllabs.grading.Problems;
import org.mllabs.runtime.featurestore.FeatureStore;

/**
 * The predictions re-derived: the logged model scores the grader's own rows, each key's features as of the time it
 * is to be scored at (looked up from the feature table's Delta rows), with only the inputs of the model's signature;
 * every saved prediction must be what it gives.
 */
final class Rescoring {

    /** The Spark types of the features, as the feature table holds them. */
    private static final Map<String, DataType> TYPES = Map.of(
            "tenure_months", DataTypes.LongType,
            "monthly_charges", DataTypes.DoubleType,
            "support_calls", DataTypes.DoubleType,
            "contract", DataTypes.StringType);
    /** How many differing predictions a problem line shows. */
    private static final int EXAMPLES = 3;

    private Rescoring() {
    }

    /**
     * Adds a problem when a saved prediction is not what the logged model gives.
     *
     * @param times each key given, with the time to score it at
     * @param scored the saved predictions, by key
     */
    static void check(FeatureStoreEvidence evidence, Map<String, Instant> times,
                      Map<String, Map<String, Object>> scored, FeatureHistory history, Problems problems) {
        Optional<PipelineModel> model = evidence.model();
        if (model.isEmpty()) {
            problems.add("found no model under " + FeatureStoreEvidence.MODEL_PATH + "/ to re-score the keys with");
            return;
        }
        List<String> inputs = evidence.signature().map(signature -> signature.inputNames())
                .orElse(FeatureStoreGrader.FEATURES);
        StructType schema = new StructType();
        for (String input : inputs) {
            if (!TYPES.containsKey(input)) {
                problems.add("expected the model's signature inputs among the features " + FeatureStoreGrader.FEATURES
                        + ", found " + inputs + ": the keys cannot be scored by their features alone");
                return;
            }
            schema = schema.add(input, TYPES.get(input));
        }
        List<String> keys = new ArrayList<>(scored.keySet());
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, Object> asOf = history.asOf(key, times.get(key)).orElse(Map.of());
            rows.add(RowFactory.create(inputs.stream().map(asOf::get).toArray()));
        }
        List<Row> predicted;
        try {
            predicted = model.get().transform(evidence.runs().context().spark().session().createDataFrame(rows, schema))
                    .select(FeatureStore.PREDICTION).collectAsList();
        } catch (RuntimeException e) {
            problems.add("the logged model cannot score its signature's inputs " + inputs + ": " + e.getMessage());
            return;
        }
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object found = scored.get(keys.get(i)).get(FeatureStore.PREDICTION);
            double expected = predicted.get(i).getDouble(0);
            if (!FeatureHistory.same(expected, found)) {
                differing.add(keys.get(i) + ": found " + found + ", the model gives " + expected);
            }
        }
        problems.require(differing.isEmpty(), differing.size() + " of " + keys.size() + " predictions are not what "
                + "the logged model predicts on each key's features as of its score time, e.g. "
                + differing.stream().limit(EXAMPLES).collect(Collectors.joining("; ")));
    }
}
