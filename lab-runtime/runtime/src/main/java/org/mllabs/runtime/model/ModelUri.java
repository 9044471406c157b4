package org.mllabs.runtime.model;

/**
 * A model URI as MLflow writes them: {@code runs:/RUN_ID/PATH}, {@code models:/NAME/VERSION},
 * {@code models:/NAME@ALIAS} or, for a model MLflow 3 logged as a logged-model entity, {@code models:/MODEL_ID}
 * ({@code models:/m-...}, the source Python MLflow 3 gives a version registered from such a model).
 */
public sealed interface ModelUri {

    /**
     * A model logged under a run's artifacts.
     *
     * @param runId the run
     * @param path the model's directory under the run's artifacts, such as {@code model}
     */
    record RunModel(String runId, String path) implements ModelUri {
    }

    /**
     * A version of a registered model.
     *
     * @param name the registered model
     * @param version the version number
     */
    record RegisteredVersion(String name, String version) implements ModelUri {
    }

    /**
     * The version an alias of a registered model points at.
     *
     * @param name the registered model
     * @param alias the alias, such as {@code Champion}
     */
    record RegisteredAlias(String name, String alias) implements ModelUri {
    }

    /**
     * A logged model of MLflow 3, whose files live under its own artifact location rather than a run's.
     *
     * @param modelId its id, such as {@code m-4a0dd692eb0649e3bfccfca6e4410dd0}
     */
    record LoggedModelId(String modelId) implements ModelUri {
    }

    /**
     * Parses a model URI.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    static ModelUri parse(String uri) {
        if (uri != null && uri.startsWith("runs:/")) {
            String rest = uri.substring("runs:/".length());
            int slash = rest.indexOf('/');
            if (slash > 0 && slash < rest.length() - 1) {
                return new RunModel(rest.substring(0, slash), rest.substring(slash + 1).replaceAll("/+$", ""));
            }
        } else if (uri != null && uri.startsWith("models:/")) {
            String rest = uri.substring("models:/".length());
            int at = rest.lastIndexOf('@');
            int slash = rest.lastIndexOf('/');
            if (at > 0 && at < rest.length() - 1 && slash < 0) {
                return new RegisteredAlias(rest.substring(0, at), rest.substring(at + 1));
            }
            if (slash > 0 && at < 0 && rest.substring(slash + 1).matches("\\d+")) {
                return new RegisteredVersion(rest.substring(0, slash), rest.substring(slash + 1));
            }
            if (rest.matches("m-[0-9a-f]+")) {
                return new LoggedModelId(rest);
            }
        }
        throw new IllegalArgumentException("'" + uri + "' is not a model URI this runtime can load. Use "
                + "runs:/RUN_ID/PATH (a model logged in a run, such as runs:/0a1b.../model), models:/NAME/VERSION "
                + "(such as models:/churn/3), models:/NAME@ALIAS (such as models:/churn@Champion) or models:/MODEL_ID "
                + "(a logged model of MLflow 3, such as models:/m-4a0dd692eb0649e3bfccfca6e4410dd0).");
    }
}
