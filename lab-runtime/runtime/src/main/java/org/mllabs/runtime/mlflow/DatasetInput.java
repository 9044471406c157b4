package org.mllabs.runtime.mlflow;

/**
 * A dataset a run used, as MLflow records it for lineage.
 *
 * @param name the dataset's name, such as {@code churn_train}
 * @param digest a short fingerprint of its content, so that two runs on the same data can be told apart from two
 *               runs on different versions of it
 * @param sourceType what kind of source it is, such as {@code delta_table}, {@code local} or {@code http}
 * @param source where it comes from, as JSON, such as {@code {"path": "/data/churn", "version": 3}}
 * @param schema its schema as JSON, or null
 * @param profile summary statistics as JSON, such as {@code {"num_rows": 500}}, or null
 * @param context how the run used it, such as {@code training} or {@code evaluation} (the {@code mlflow.data.context}
 *                tag), or null
 */
public record DatasetInput(String name, String digest, String sourceType, String source, String schema,
                           String profile, String context) {
}
