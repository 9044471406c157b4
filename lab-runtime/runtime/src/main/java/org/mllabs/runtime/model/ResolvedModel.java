package org.mllabs.runtime.model;

/**
 * A model URI as {@link SparkModelLoader} resolved it: for a registered model, the version an alias or a number
 * resolved to, and the source the model's files were downloaded from.
 *
 * @param uri the URI asked for, such as {@code models:/churn@Champion}
 * @param name the registered model's name, empty for a run's model ({@code runs:/})
 * @param version the version the URI resolved to, empty for a run's model
 * @param source the artifact URI of the model's directory, such as {@code mlflow-artifacts:/1/<run>/artifacts/model}
 */
public record ResolvedModel(String uri, String name, String version, String source) {
}
