package org.mllabs.runtime.mlflow;

import java.net.URI;
import java.util.Optional;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mllabs.runtime.LabEnvironment;

/**
 * Everything a lab needs from one MLflow server: the Java client for experiments, runs, params, metrics and tags,
 * and, over REST, what that client lacks: the {@link #registry() registry} writes, {@link #artifacts() artifacts}
 * without Python, and {@link #datasets() dataset lineage}.
 *
 * <pre>{@code
 * try (LabMlflow mlflow = LabMlflow.open(server.trackingUri())) {
 *     String runId = mlflow.client().createRun(experimentId).getRunId();
 *     mlflow.artifacts().upload(runId, "notes/readme.txt", bytes);
 *     mlflow.registry().setAlias("churn", "Champion", "3");
 * }
 * }</pre>
 *
 * <p>On a server with authentication every call, the Java client's and the REST ones alike, is sent as the user of
 * the {@link MlflowCredentials} given, or named by the environment ({@code MLFLOW_TRACKING_USERNAME} and
 * {@code MLFLOW_TRACKING_PASSWORD}).
 */
public final class LabMlflow implements AutoCloseable {

    private final URI trackingUri;
    private final MlflowClient client;
    private final MlflowRestClient rest;
    private final ModelRegistry registry;
    private final ArtifactStore artifacts;
    private final DatasetInputs datasets;

    private LabMlflow(URI trackingUri, Optional<MlflowCredentials> credentials, Optional<RunSystemTags> systemTags) {
        this.trackingUri = trackingUri;
        this.client = new LabTrackingClient(credentials
                .map(user -> new BasicMlflowHostCreds(trackingUri.toString(), user.username(), user.password()))
                .orElseGet(() -> new BasicMlflowHostCreds(trackingUri.toString())), systemTags);
        this.rest = new MlflowRestClient(trackingUri, credentials);
        this.registry = new ModelRegistry(rest);
        this.artifacts = new ArtifactStore(rest);
        this.datasets = new DatasetInputs(rest);
    }

    /**
     * Connects to the server at a tracking URI, such as {@code http://localhost:5000}, as the user this process's
     * environment names, if any. Nothing is sent yet.
     */
    public static LabMlflow open(URI trackingUri) {
        return open(trackingUri, MlflowCredentials.from(LabEnvironment.current()));
    }

    /** Connects to the server at a tracking URI as the given user, or anonymously. Nothing is sent yet. */
    public static LabMlflow open(URI trackingUri, Optional<MlflowCredentials> credentials) {
        return new LabMlflow(trackingUri, credentials, Optional.empty());
    }

    /**
     * Connects as {@link #open(URI)} does, with a client whose new runs carry the system tags a request does not set
     * itself ({@link RunSystemTags}). Nothing is sent yet.
     */
    public static LabMlflow open(URI trackingUri, RunSystemTags systemTags) {
        return new LabMlflow(trackingUri, MlflowCredentials.from(LabEnvironment.current()), Optional.of(systemTags));
    }

    /** The server's tracking URI. */
    public URI trackingUri() {
        return trackingUri;
    }

    /**
     * The MLflow Java client, for experiments, runs, params, metrics, tags and registry reads. The metrics it logs
     * over steps get strictly increasing timestamps, and, when this layer was opened with {@link RunSystemTags}, the
     * runs it creates carry them.
     */
    public MlflowClient client() {
        return client;
    }

    /** Plain REST calls, for endpoints no other part of this layer covers. */
    public MlflowRestClient rest() {
        return rest;
    }

    /** Registered models, versions, tags, aliases and legacy stages. */
    public ModelRegistry registry() {
        return registry;
    }

    /** Run artifacts through the server's artifact proxy. */
    public ArtifactStore artifacts() {
        return artifacts;
    }

    /** Dataset inputs of runs. */
    public DatasetInputs datasets() {
        return datasets;
    }

    /**
     * The active experiment with this name. A search answers an empty list where the Java client's
     * {@code getExperimentByName} answers 404, which that client logs and sends three times.
     */
    public Optional<Experiment> activeExperiment(String name) {
        return client.searchExperiments("name = '" + name.replace("'", "\\'") + "'").getItems().stream()
                .filter(experiment -> experiment.getLifecycleStage().equals("active"))
                .findFirst();
    }

    /** The artifact root of a run, such as {@code mlflow-artifacts:/1/<run>/artifacts}. */
    public String artifactUriOf(String runId) {
        return artifacts.runArtifactUri(runId);
    }

    @Override
    public void close() {
        client.close();
    }
}
