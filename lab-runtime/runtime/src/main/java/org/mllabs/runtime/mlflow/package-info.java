/**
 * The MLflow client layer: {@link org.mllabs.runtime.mlflow.LabMlflow} opens the MLflow Java client together with
 * what that client lacks, done over the server's REST API by {@link org.mllabs.runtime.mlflow.MlflowRestClient}:
 * registry writes and aliases ({@link org.mllabs.runtime.mlflow.ModelRegistry}), artifacts through the server's
 * artifact proxy without Python ({@link org.mllabs.runtime.mlflow.ArtifactStore}) and dataset lineage
 * ({@link org.mllabs.runtime.mlflow.DatasetInputs}, with {@link org.mllabs.runtime.mlflow.DeltaTableInput} for a
 * version of a Delta table as MLflow's Python client records it).
 * {@link org.mllabs.runtime.mlflow.CatalogModelRegistry} is the registry in catalog mode (three-part names only) and
 * {@link org.mllabs.runtime.mlflow.LearnerModelNames} names a learner's registered models so that learners sharing a
 * server do not meet. The Java client a lab gets ({@code LabTrackingClient}) adds to each run it creates the
 * {@link org.mllabs.runtime.mlflow.RunSystemTags} Python's {@code mlflow.start_run} sets (user, source name and type)
 * and gives metrics logged over steps strictly increasing timestamps ({@code MetricClock}).
 *
 * <p>On a shared server with authentication, {@link org.mllabs.runtime.mlflow.MlflowCredentials} (from
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}) go with every call;
 * {@link org.mllabs.runtime.mlflow.MlflowUsers} manages users and permissions,
 * {@link org.mllabs.runtime.mlflow.LearnerAccounts} gives each learner a user and a credentials file, and
 * {@link org.mllabs.runtime.mlflow.ExperimentAuthorship} tells from the server's permission record whose work an
 * experiment holds.
 *
 * <p>A refused request becomes an {@link org.mllabs.runtime.mlflow.MlflowApiException} that names the request and
 * carries MLflow's error code; nothing is retried, so a rejected write is sent once.
 */
package org.mllabs.runtime.mlflow;
