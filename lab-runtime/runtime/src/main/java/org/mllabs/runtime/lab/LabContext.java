package org.mllabs.runtime.lab;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.LabTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.audit.AuditedCatalogRegistry;
import org.mllabs.runtime.audit.AuditedDeltaReader;
import org.mllabs.runtime.audit.AuditedDeltaWriter;
import org.mllabs.runtime.audit.LoadAudit;
import org.mllabs.runtime.audit.ReadAudit;
import org.mllabs.runtime.audit.RefusalAudit;
import org.mllabs.runtime.datasets.LabDatasets;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RunSystemTags;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.serving.LearnerEndpointNames;
import org.mllabs.runtime.serving.ServingClient;

/**
 * What a lab gets to work with. The Spark session starts on first use, so labs that do not need it do not wait for it.
 * Whoever supplies the session stops it; closing the context closes its MLflow client.
 */
public final class LabContext implements AutoCloseable {

    private final LabDescriptor lab;
    private final LearnerId learner;
    private final MlflowServer server;
    private final Supplier<SparkSession> sparkFactory;
    private final Path datasetsDirectory;
    private final Path workDirectory;
    private final Consumer<String> log;
    private final Supplier<URI> servingAddress;
    private LabMlflow mlflow;
    private SparkSession spark;
    private RefusalAudit refusals;
    private ReadAudit reads;
    private LoadAudit loads;

    /**
     * @param lab the lab being run
     * @param learner who runs it
     * @param server the MLflow server to log to
     * @param sparkFactory makes the Spark session when the lab first asks for it
     * @param datasetsDirectory the repository's {@code datasets/}
     * @param workDirectory scratch space for the lab
     * @param log prints one line for the learner
     */
    public LabContext(LabDescriptor lab, LearnerId learner, MlflowServer server, Supplier<SparkSession> sparkFactory,
                      Path datasetsDirectory, Path workDirectory, Consumer<String> log) {
        this(lab, learner, server, sparkFactory, datasetsDirectory, workDirectory, log, null);
    }

    /**
     * A context for a lab that needs the model serving service ({@link LabDescriptor#needsServing()}).
     *
     * @param servingAddress where the serving service answers, asked for when the lab first uses it; {@code null}
     *     when the lab has no serving service
     * @see #LabContext(LabDescriptor, LearnerId, MlflowServer, Supplier, Path, Path, Consumer)
     */
    public LabContext(LabDescriptor lab, LearnerId learner, MlflowServer server, Supplier<SparkSession> sparkFactory,
                      Path datasetsDirectory, Path workDirectory, Consumer<String> log, Supplier<URI> servingAddress) {
        this.servingAddress = servingAddress;
        this.lab = lab;
        this.learner = learner;
        this.server = server;
        this.sparkFactory = sparkFactory;
        this.datasetsDirectory = datasetsDirectory;
        this.workDirectory = workDirectory;
        this.log = log;
    }

    /** The lab's id, such as {@code lab01}. */
    public String labId() {
        return lab.id();
    }

    /** Who runs the lab. */
    public LearnerId learner() {
        return learner;
    }

    /** The experiment this learner's runs of this lab belong in, such as {@code /mllabs/ada/lab01}. */
    public String experimentName() {
        return learner.experimentName(lab.id());
    }

    /** Tags every run of the lab should carry: the lab and the learner. */
    public Map<String, String> runTags() {
        return Map.of(LabTag.NAME, lab.id(), LearnerId.TAG, learner.value());
    }

    /** The MLflow server. */
    public MlflowServer server() {
        return server;
    }

    /** MLflow's Java client, connected to the server. */
    public MlflowClient tracking() {
        return mlflow().client();
    }

    /**
     * The client layer: what the Java client does plus the registry, artifacts and dataset inputs. Every run its
     * client creates carries, unless the request sets them, the system tags {@link RunSystemTags} of this learner and
     * the lab's entry class, as a run started from Python does.
     */
    public synchronized LabMlflow mlflow() {
        if (mlflow == null) {
            mlflow = LabMlflow.open(server.trackingUri(), RunSystemTags.local(learner.value(), lab.entryClass()));
        }
        return mlflow;
    }

    /**
     * Spark {@code PipelineModel}s logged as MLflow models, and loaded back from {@code runs:/} or {@code models:/};
     * the runtime records each model loaded with {@link SparkModels#load} in {@link #loads()}.
     */
    public SparkModels models() {
        return loads().models(mlflow(), workDirectory.resolve("models"));
    }

    /**
     * The models {@link #models()} loaded in this run of the lab, each with the version its URI resolved to, in the run
     * {@value LoadAudit#RUN_NAME} of the lab's experiment.
     */
    public synchronized LoadAudit loads() {
        if (loads == null) {
            loads = LoadAudit.toMlflow(this::mlflow, experimentName(), runTags(), this::log);
        }
        return loads;
    }

    /**
     * The refusals the runtime's audited wrappers ({@link #delta()}, {@link #catalog()}) recorded in this run of the
     * lab, in the run {@value RefusalAudit#RUN_NAME} of the lab's experiment.
     */
    public synchronized RefusalAudit refusals() {
        if (refusals == null) {
            refusals = RefusalAudit.toMlflow(this::mlflow, experimentName(), runTags(), this::log);
        }
        return refusals;
    }

    /**
     * The time-travel reads {@link #timeTravel()} carried out in this run of the lab, in the run
     * {@value ReadAudit#RUN_NAME} of the lab's experiment.
     */
    public synchronized ReadAudit reads() {
        if (reads == null) {
            reads = ReadAudit.toMlflow(this::mlflow, experimentName(), runTags(), this::log);
        }
        return reads;
    }

    /** Delta time-travel reads whose resolved versions the runtime records in {@link #reads()}. */
    public AuditedDeltaReader timeTravel() {
        return new AuditedDeltaReader(this::spark, reads());
    }

    /** Delta appends whose refusals (schema enforcement) the runtime records in {@link #refusals()}. */
    public AuditedDeltaWriter delta() {
        return new AuditedDeltaWriter(refusals());
    }

    /**
     * The registry in catalog mode (three-part names only), whose refusals the runtime records in {@link #refusals()}.
     */
    public AuditedCatalogRegistry catalog() {
        return new AuditedCatalogRegistry(mlflow(), refusals());
    }

    /**
     * A client of the model serving service, for labs whose {@code lab.yaml} asks for it ({@code services:
     * [serving]}).
     *
     * @throws IllegalStateException when the lab did not ask for the service
     */
    public ServingClient serving() {
        if (servingAddress == null) {
            throw new IllegalStateException(lab.id() + " has no model serving service: its lab.yaml must say "
                    + "services: [" + LabDescriptor.SERVING + "]");
        }
        return new ServingClient(servingAddress.get());
    }

    /**
     * This learner's name of a serving endpoint of this lab, unique on a service that several learners share, such as
     * {@code ada-lab11-churn}.
     *
     * @param name the endpoint's own name: letters, digits, {@code -} or {@code _}
     */
    public String endpointName(String name) {
        return LearnerEndpointNames.endpoint(learner, lab.id(), name);
    }

    /** The Spark session, started on first use. */
    public synchronized SparkSession spark() {
        if (spark == null) {
            log("Starting Spark ...");
            spark = sparkFactory.get();
        }
        return spark;
    }

    /** The lab datasets of the repository's {@code datasets/} folder. */
    public LabDatasets datasets() {
        return new LabDatasets(datasetsDirectory);
    }

    /** Scratch space for files the lab writes before logging them. */
    public Path workDirectory() {
        return workDirectory;
    }

    /** Prints a line for the learner. */
    public void log(String message) {
        log.accept(message);
    }

    /** Closes the MLflow client; the context can be used again and opens a new one. */
    @Override
    public synchronized void close() {
        if (mlflow != null) {
            mlflow.close();
            mlflow = null;
        }
    }
}
