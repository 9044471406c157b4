/**
 * The lab runtime: what every lab and grader shares.
 *
 * <p>{@link org.mllabs.runtime.LabHome} is the state directory on the learner's machine; the sub-packages hold the
 * MLflow servers ({@code server}), the MLflow client layer ({@code mlflow}), Spark models as MLflow models
 * ({@code model}), the Spark session ({@code spark}), the lab datasets ({@code datasets}) and the contract between the
 * {@code lab} command and a lab ({@code lab}).
 */
package org.mllabs.runtime;
