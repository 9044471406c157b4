package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dataset lineage of runs: {@code POST runs/log-inputs} to record it, {@code GET runs/get} to read it back. */
public final class DatasetInputs {

    /** The input tag that says how a run used a dataset. */
    public static final String CONTEXT_TAG = "mlflow.data.context";

    private final MlflowRestClient rest;

    /** @param rest the server's REST client */
    public DatasetInputs(MlflowRestClient rest) {
        this.rest = rest;
    }

    /** Records that a run used these datasets. */
    public void log(String runId, List<DatasetInput> inputs) {
        List<Map<String, Object>> datasets = inputs.stream().map(DatasetInputs::toRequest).toList();
        rest.post("runs/log-inputs", Map.of("run_id", runId, "datasets", datasets));
    }

    /** The datasets a run used, as the server returns them. */
    public List<DatasetInput> of(String runId) {
        JsonNode inputs = rest.get("runs/get", Map.of("run_id", runId)).path("run").path("inputs");
        List<DatasetInput> datasets = new ArrayList<>();
        for (JsonNode input : inputs.path("dataset_inputs")) {
            JsonNode dataset = input.path("dataset");
            datasets.add(new DatasetInput(dataset.path("name").asText(), dataset.path("digest").asText(),
                    dataset.path("source_type").asText(), dataset.path("source").asText(),
                    textOrNull(dataset, "schema"), textOrNull(dataset, "profile"),
                    Tags.read(input.path("tags")).get(CONTEXT_TAG)));
        }
        return datasets;
    }

    private static Map<String, Object> toRequest(DatasetInput input) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", input.name());
        dataset.put("digest", input.digest());
        dataset.put("source_type", input.sourceType());
        dataset.put("source", input.source());
        dataset.put("schema", input.schema());
        dataset.put("profile", input.profile());
        Map<String, String> tags = input.context() == null ? Map.of() : Map.of(CONTEXT_TAG, input.context());
        return Map.of("tags", Tags.write(tags), "dataset", dataset);
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
