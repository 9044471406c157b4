package org.mllabs.grading.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.model.SparkModelLogger;

/**
 * Which of a solution's models the Python checks score against Java ({@link JavaPredictions}): those the lab's README
 * asks to log or register, as model URIs, not every trial of a search.
 *
 * <pre>{@code
 * harness.assertSolutionEarnsFullMarks(ModelsToScore.loggedUnder("model"));
 * harness.assertSolutionEarnsFullMarks(ModelsToScore.aliased("Champion"));
 * harness.assertSolutionEarnsFullMarks(ModelsToScore.namedByTag("mllabs.automl.best_model_uri")
 *         .and(ModelsToScore.loggedUnder("model", "manual-model")));
 * }</pre>
 */
@FunctionalInterface
public interface ModelsToScore {

    /** The URIs of the models to score, from the learner's runs of the lab. */
    List<String> uris(LearnerRuns runs);

    /**
     * Whether the models score only the rows whose signature inputs are all present, as a lab whose README drops the
     * rows with a missing feature before training asks (its model has no imputer and refuses a missing value).
     */
    default boolean completeRowsOnly() {
        return false;
    }

    /** These models, scored on the rows whose signature inputs are all present ({@link #completeRowsOnly()}). */
    default ModelsToScore onCompleteRows() {
        ModelsToScore models = this;
        return new ModelsToScore() {
            @Override
            public List<String> uris(LearnerRuns runs) {
                return models.uris(runs);
            }

            @Override
            public boolean completeRowsOnly() {
                return true;
            }
        };
    }

    /** Every model logged under the artifact path by a run of the experiment, as {@code runs:/RUN_ID/PATH}. */
    static ModelsToScore loggedUnder(String artifactPath) {
        return runs -> loggedUnder(artifactPath, runs.runs(""));
    }

    /**
     * The model logged under the artifact path by each run of the experiment with the name, as
     * {@code runs:/RUN_ID/PATH}.
     */
    static ModelsToScore loggedUnder(String artifactPath, String runName) {
        return runs -> loggedUnder(artifactPath, runs.runs("attributes.run_name = '" + runName + "'"));
    }

    private static List<String> loggedUnder(String artifactPath, List<Run> runs) {
        return runs.stream().filter(run -> loggedPaths(run).contains(artifactPath))
                .map(run -> "runs:/" + RunData.id(run) + "/" + artifactPath)
                .toList();
    }

    /** The model URIs the runs of the experiment name in a tag, such as {@code mllabs.automl.best_model_uri}. */
    static ModelsToScore namedByTag(String tag) {
        return runs -> runs.runs("").stream().map(run -> RunData.tags(run).get(tag)).filter(Objects::nonNull).toList();
    }

    /** These models, then those of the other selection. */
    default ModelsToScore and(ModelsToScore other) {
        return runs -> Stream.concat(uris(runs).stream(), other.uris(runs).stream()).toList();
    }

    /** Every version of a registered model whose run is one of the experiment's, as {@code models:/NAME/VERSION}. */
    static ModelsToScore registeredVersions() {
        return runs -> {
            Set<String> runIds = runIds(runs);
            ModelRegistry registry = runs.context().mlflow().registry();
            List<String> uris = new ArrayList<>();
            for (RegisteredModel model : registry.searchRegisteredModels("")) {
                registry.versions(model.name()).stream().filter(version -> runIds.contains(version.runId()))
                        .map(version -> "models:/" + model.name() + "/" + version.version())
                        .forEach(uris::add);
            }
            return uris;
        };
    }

    /**
     * The version with the alias of every registered model whose aliased version's run is one of the experiment's,
     * as {@code models:/NAME@ALIAS}.
     */
    static ModelsToScore aliased(String alias) {
        return runs -> {
            Set<String> runIds = runIds(runs);
            ModelRegistry registry = runs.context().mlflow().registry();
            List<String> uris = new ArrayList<>();
            for (RegisteredModel model : registry.searchRegisteredModels("")) {
                String version = model.aliases().get(alias);
                if (version != null) {
                    ModelVersion aliasedVersion = registry.getModelVersion(model.name(), version);
                    if (runIds.contains(aliasedVersion.runId())) {
                        uris.add("models:/" + model.name() + "@" + alias);
                    }
                }
            }
            return uris;
        };
    }

    private static Set<String> runIds(LearnerRuns runs) {
        return runs.runs("").stream().map(RunData::id).collect(Collectors.toSet());
    }

    /** The artifact paths under which the run logged models, from its {@code mlflow.log-model.history} tag. */
    private static List<String> loggedPaths(Run run) {
        try {
            List<String> paths = new ArrayList<>();
            for (JsonNode logged : new ObjectMapper().readTree(
                    RunData.tags(run).getOrDefault(SparkModelLogger.HISTORY_TAG, "[]"))) {
                paths.add(logged.path("artifact_path").asText());
            }
            return paths;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Run " + run.getInfo().getRunId() + " has a " + SparkModelLogger.HISTORY_TAG
                    + " tag that is not JSON: " + e.getMessage(), e);
        }
    }
}
