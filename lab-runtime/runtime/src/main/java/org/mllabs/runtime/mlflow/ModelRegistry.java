package org.mllabs.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes and reads of the MLflow model registry that labs need, over REST: registered models, versions, version
 * tags, aliases and the legacy stages. Alias names are checked by {@link RegistryNames#requireAlias(String)} before
 * anything is sent.
 */
public final class ModelRegistry {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration READY_POLL = Duration.ofMillis(200);
    private static final int SEARCH_PAGE = 100;

    private final MlflowRestClient rest;

    /** @param rest the server's REST client */
    public ModelRegistry(MlflowRestClient rest) {
        this.rest = rest;
    }

    /** Creates a registered model; the name must be free. */
    public RegisteredModel createRegisteredModel(String name, Map<String, String> tags, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", Tags.write(tags));
        body.put("description", description);
        return RegisteredModel.from(rest.post("registered-models/create", body).path("registered_model"));
    }

    /** A registered model; an {@link MlflowApiException} that {@link MlflowApiException#isNotFound() is not found}. */
    public RegisteredModel getRegisteredModel(String name) {
        return RegisteredModel.from(rest.get("registered-models/get", Map.of("name", name)).path("registered_model"));
    }

    /** A registered model, or empty when no model has that name. */
    public Optional<RegisteredModel> findRegisteredModel(String name) {
        try {
            return Optional.of(getRegisteredModel(name));
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets (or overwrites) a tag on a registered model. */
    public void setRegisteredModelTag(String name, String key, String value) {
        rest.post("registered-models/set-tag", Map.of("name", name, "key", key, "value", value));
    }

    /** Every version of a registered model, oldest first; none when the model does not exist. */
    public List<ModelVersion> versions(String name) {
        List<ModelVersion> versions = new ArrayList<>();
        String pageToken = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("filter", "name = '" + name.replace("'", "\\'") + "'");
            query.put("max_results", String.valueOf(SEARCH_PAGE));
            if (!pageToken.isEmpty()) {
                query.put("page_token", pageToken);
            }
            JsonNode page = rest.get("model-versions/search", query);
            page.path("model_versions").forEach(v -> versions.add(ModelVersion.from(v)));
            pageToken = page.path("next_page_token").asText("");
        } while (!pageToken.isEmpty());
        versions.sort(Comparator.comparingInt(ModelVersion::number));
        return versions;
    }

    /** Deletes a registered model with all its versions. */
    public void deleteRegisteredModel(String name) {
        rest.delete("registered-models/delete", Map.of("name", name));
    }

    /**
     * Every registered model that matches a filter, all pages read.
     *
     * @param filter an MLflow filter such as {@code name LIKE 'churn%'}, or empty for all
     */
    public List<RegisteredModel> searchRegisteredModels(String filter) {
        List<RegisteredModel> models = new ArrayList<>();
        String pageToken = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("filter", filter);
            query.put("max_results", String.valueOf(SEARCH_PAGE));
            if (!pageToken.isEmpty()) {
                query.put("page_token", pageToken);
            }
            JsonNode page = rest.get("registered-models/search", query);
            page.path("registered_models").forEach(m -> models.add(RegisteredModel.from(m)));
            pageToken = page.path("next_page_token").asText("");
        } while (!pageToken.isEmpty());
        return models;
    }

    /**
     * Creates the next version of a registered model and waits until the server reports it {@code READY}.
     *
     * @param name the registered model, which must exist
     * @param source where the model's files are, such as {@code mlflow-artifacts:/1/<run>/artifacts/model}
     * @param runId the run that logged it
     * @param tags the version's tags
     * @param description the version's description
     */
    public ModelVersion createModelVersion(String name, String source, String runId, Map<String, String> tags,
                                           String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source", source);
        body.put("run_id", runId);
        body.put("tags", Tags.write(tags));
        body.put("description", description);
        ModelVersion created = ModelVersion.from(rest.post("model-versions/create", body).path("model_version"));
        return awaitReady(created);
    }

    /** One version of a registered model. */
    public ModelVersion getModelVersion(String name, String version) {
        return ModelVersion.from(rest.get("model-versions/get", Map.of("name", name, "version", version))
                .path("model_version"));
    }

    /** Sets (or overwrites) a tag on a version. */
    public void setModelVersionTag(String name, String version, String key, String value) {
        rest.post("model-versions/set-tag", Map.of("name", name, "version", version, "key", key, "value", value));
    }

    /** Deletes a tag from a version. */
    public void deleteModelVersionTag(String name, String version, String key) {
        rest.delete("model-versions/delete-tag", Map.of("name", name, "version", version, "key", key));
    }

    /** Points an alias at a version; an alias that pointed elsewhere moves. */
    public void setAlias(String name, String alias, String version) {
        rest.post("registered-models/alias",
                Map.of("name", name, "alias", RegistryNames.requireAlias(alias), "version", version));
    }

    /**
     * The version an alias points at.
     *
     * @throws MlflowApiException naming the model and the alias when the alias is not set (the server answers 400)
     */
    public ModelVersion getVersionByAlias(String name, String alias) {
        RegistryNames.requireAlias(alias);
        try {
            return ModelVersion.from(rest.get("registered-models/alias", Map.of("name", name, "alias", alias))
                    .path("model_version"));
        } catch (MlflowApiException e) {
            throw new MlflowApiException("Resolving alias @" + alias + " of model '" + name + "' (set it with "
                    + "setAlias, or look at the aliases the model has: " + aliasesOrNone(name) + ")",
                    e.status(), e.errorCode().orElse(null), e.serverMessage());
        }
    }

    /** Removes an alias; the version it pointed at stays. */
    public void deleteAlias(String name, String alias) {
        rest.delete("registered-models/alias", Map.of("name", name, "alias", RegistryNames.requireAlias(alias)));
    }

    /** The aliases of a registered model: alias to version number. */
    public Map<String, String> aliases(String name) {
        return getRegisteredModel(name).aliases();
    }

    /**
     * Moves a version to a legacy stage.
     *
     * @param archiveExisting whether the versions now in that stage move to {@code Archived}
     */
    public ModelVersion transitionStage(String name, String version, LegacyStage stage, boolean archiveExisting) {
        Map<String, Object> body = Map.of("name", name, "version", version, "stage", stage.wireName(),
                "archive_existing_versions", archiveExisting);
        return ModelVersion.from(rest.post("model-versions/transition-stage", body).path("model_version"));
    }

    private String aliasesOrNone(String name) {
        return findRegisteredModel(name)
                .map(m -> m.aliases().isEmpty() ? "none" : m.aliases().toString())
                .orElse("the model does not exist");
    }

    private ModelVersion awaitReady(ModelVersion version) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        ModelVersion current = version;
        while (!current.status().equals(ModelVersion.READY)) {
            if (current.status().equals("FAILED_REGISTRATION") || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Version " + current.version() + " of model '" + current.name()
                        + "' is " + current.status() + ", not READY, after " + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep();
            current = getModelVersion(current.name(), current.version());
        }
        return current;
    }

    private static void sleep() {
        try {
            Thread.sleep(READY_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a model version to be READY", e);
        }
    }
}
