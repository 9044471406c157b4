package org.mllabs.grading.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.grading.CheckResult;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.ModelLoaders;
import org.mllabs.grading.Problems;
import org.mllabs.runtime.LabTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.mlflow.ExperimentAuthorship;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.model.MlModelFiles;
import org.mllabs.runtime.model.ModelUri;
import org.mllabs.runtime.model.SparkModels;

/**
 * What the MLflow server holds of one learner's lab: the experiment, its runs, their metric histories, artifacts and
 * logged models. Each is read on first use and kept for the grade, so a grader's checks, hidden checks and figures
 * share one reading ({@link #of}). Models are loaded with the grade's Spark session, which starts on the first load.
 *
 * <p>Loading a logged model costs a download and several small Spark jobs, most of it waiting rather than computing.
 * A grader that will score several models names them up front with {@link #preload}: they load
 * {@value ModelLoaders#THREADS} at a time in the background, on the grading session's {@link ModelLoaders}, while the
 * checks go on, and {@link #model} waits only for what is not loaded yet. Each model is loaded once per grade either
 * way.
 *
 * <p>On a shared server with authentication the experiment counts as the learner's only if the server's own record
 * says so ({@link ExperimentAuthorship}): the learner may write to it and no other learner may. Its name and the runs'
 * {@code mllabs.learner} tags prove nothing, since anyone can type them.
 */
public final class LearnerRuns {

    private static final int MAX_RUNS = 1000;

    private final GradingContext context;
    private final String labId;
    private final MlflowClient tracking;
    private volatile Optional<Experiment> experiment;
    private volatile Optional<String> notTheLearners = Optional.empty();
    private final Map<String, List<Run>> searches = new ConcurrentHashMap<>();
    private final Map<String, List<Metric>> histories = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Optional<PipelineModel>>> models = new ConcurrentHashMap<>();

    private LearnerRuns(GradingContext context, String labId) {
        this.context = context;
        this.labId = labId;
        this.tracking = context.mlflow().client();
    }

    /** The reading of this grade for the lab, shared by everything that grades it. */
    public static LearnerRuns of(GradingContext context, String labId) {
        LearnerRuns runs = context.evidence(LearnerRuns.class, () -> new LearnerRuns(context, labId));
        if (!runs.labId.equals(labId)) {
            throw new IllegalArgumentException("This grade reads lab " + runs.labId + ", not " + labId);
        }
        return runs;
    }

    /** The grade this reading belongs to. */
    public GradingContext context() {
        return context;
    }

    /** The lab's id. */
    public String labId() {
        return labId;
    }

    /** The learner's id. */
    public String learner() {
        return context.learner().value();
    }

    /** The experiment the learner's runs of the lab belong in. */
    public String experimentName() {
        return context.experimentName(labId);
    }

    /** The learner's active experiment of the lab; none when the server records it as someone else's. */
    public Optional<Experiment> experiment() {
        if (experiment == null) {
            Optional<Experiment> found = context.mlflow().activeExperiment(experimentName());
            notTheLearners = found.flatMap(e -> new ExperimentAuthorship(context.mlflow())
                    .problem(e.getExperimentId(), context.learner()));
            experiment = notTheLearners.isPresent() ? Optional.empty() : found;
        }
        return experiment;
    }

    /**
     * The check that the experiment exists; its hint names the learner's other experiments, which shows a misspelt
     * name at once.
     */
    public CheckResult experimentResult() {
        Optional<Experiment> own = experiment();
        if (notTheLearners.isPresent()) {
            return CheckResult.failed("experiment " + experimentName() + " is not " + learner() + "'s own work: "
                    + notTheLearners.get());
        }
        return own
                .map(e -> CheckResult.passed("experiment " + e.getName() + " (id " + e.getExperimentId() + ")"))
                .orElseGet(() -> {
                    List<String> others = tracking.searchExperiments(
                                    "name LIKE '" + context.learner().experimentFolder() + "%'").getItems().stream()
                            .map(Experiment::getName).sorted().limit(5).toList();
                    return CheckResult.failed("found no active experiment named " + experimentName()
                            + (others.isEmpty() ? "" : "; your experiments are " + String.join(", ", others)));
                });
    }

    /** What a check says when the experiment has no run with this name: {@code found no run named X in <exp>}. */
    public String noRunNamed(String runName) {
        return "found no run named " + runName + " in " + experimentName();
    }

    /** The failure of a check that needs a run with this name and finds none ({@link #noRunNamed}). */
    public CheckResult missingRun(String runName) {
        return CheckResult.failed(noRunNamed(runName));
    }

    /**
     * The active runs of the experiment that match an MLflow search filter (empty for all), oldest first; none when
     * the experiment does not exist.
     */
    public List<Run> runs(String filter) {
        return searches.computeIfAbsent(filter, f -> experiment()
                .map(e -> tracking.searchRuns(List.of(e.getExperimentId()), f, ViewType.ACTIVE_ONLY, MAX_RUNS,
                        List.of("attributes.start_time ASC")).getItems())
                .orElse(List.of()));
    }

    /** The newest top-level (not nested) run with the name. */
    public Optional<Run> newestTopLevelRun(String runName) {
        List<Run> named = runs("attributes.run_name = '" + runName + "'");
        return named.stream().filter(run -> !RunData.isChild(run))
                .max(Comparator.comparingLong(run -> run.getInfo().getStartTime()));
    }

    /** The runs nested under the parent, oldest first. */
    public List<Run> children(Run parent) {
        return runs("tags." + RunData.PARENT_RUN_ID + " = '" + RunData.id(parent) + "'");
    }

    /** A metric's history on the run, ordered by step. */
    public List<Metric> history(Run run, String key) {
        return histories.computeIfAbsent(RunData.id(run) + "/" + key,
                runAndKey -> tracking.getMetricHistory(RunData.id(run), key).stream()
                        .sorted(Comparator.comparingLong(Metric::getStep)).toList());
    }

    /** A file the run logged as an artifact, or empty when there is none. */
    public Optional<byte[]> artifact(Run run, String path) {
        return artifactOf(RunData.id(run), path);
    }

    private Optional<byte[]> artifactOf(String runId, String path) {
        try {
            return Optional.of(context.mlflow().artifacts().download(runId, path));
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The Spark model the run logged under the artifact path, loaded with the grade's Spark session (started on first
     * use) and bound to its logged signature ({@link SignatureBoundModel}): scored, it is handed only the columns its
     * signature declares; empty when the run logged none there.
     */
    public Optional<PipelineModel> model(Run run, String artifactPath) {
        return model(runModelUri(run, artifactPath));
    }

    /**
     * The Spark model at an MLflow model URI ({@code runs:/}, {@code models:/}), loaded with the grade's Spark session
     * (started once the model is downloaded); empty when there is none.
     */
    public Optional<PipelineModel> model(String modelUri) {
        CompletableFuture<Optional<PipelineModel>> loading = new CompletableFuture<>();
        CompletableFuture<Optional<PipelineModel>> earlier = models.putIfAbsent(modelUri, loading);
        if (earlier == null) {
            complete(loading, modelUri);
            return result(loading);
        }
        return result(earlier);
    }

    /** Starts loading, in the background, the models the runs logged under the artifact path (see {@link #model}). */
    public void preload(Collection<Run> runs, String artifactPath) {
        preload(runs.stream().map(run -> runModelUri(run, artifactPath)).toList());
    }

    /** Starts loading, in the background, the models at these URIs, in this order (see {@link #model(String)}). */
    public void preload(List<String> modelUris) {
        for (String uri : modelUris) {
            CompletableFuture<Optional<PipelineModel>> loading = new CompletableFuture<>();
            if (models.putIfAbsent(uri, loading) == null) {
                context.modelLoaders().execute(() -> complete(loading, uri));
            }
        }
    }

    private static String runModelUri(Run run, String artifactPath) {
        return "runs:/" + RunData.id(run) + "/" + artifactPath;
    }

    private void complete(CompletableFuture<Optional<PipelineModel>> loading, String modelUri) {
        try {
            loading.complete(load(modelUri));
        } catch (RuntimeException | Error e) {
            loading.completeExceptionally(e);
        }
    }

    private Optional<PipelineModel> load(String modelUri) {
        try {
            SparkModels spark = new SparkModels(context.mlflow(), context.spark().modelDownloads());
            if (ModelUri.parse(modelUri) instanceof ModelUri.RunModel run
                    // the artifact proxy lists a folder that is not there as empty rather than answering 404
                    && artifactOf(run.runId(), run.path() + "/" + MlModelFiles.MLMODEL).isEmpty()) {
                return Optional.empty();
            }
            Path directory = spark.loader().download(modelUri);
            // Spark loads a model with the JVM's active session, which is the grade's only once it has started.
            context.spark().session();
            return Optional.of(SignatureBoundModel.of(spark.load(modelUri), signature(directory), modelUri));
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The signature in the downloaded model's MLmodel file; empty when it has none, or none that can be read. */
    private static Optional<LoggedSignature> signature(Path directory) {
        try {
            return LoggedSignature.parse(Files.readAllBytes(directory.resolve(MlModelFiles.MLMODEL)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<PipelineModel> result(CompletableFuture<Optional<PipelineModel>> loading) {
        try {
            return loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Every row of a lab dataset as the labs load it, read once for this grading session and kept in memory. Starts
     * Spark.
     */
    public Dataset<Row> dataset(LabDataset dataset) {
        return context.spark().dataset(dataset);
    }

    /**
     * Rows of the dataset the learner's code never saw, drawn from the grading seed, the same for every learner graded
     * in this session.
     */
    public Dataset<Row> heldOut(LabDataset dataset, int rows) {
        return context.spark().heldOut(dataset, context.seed(), rows);
    }

    /** Adds a problem for each of the lab's tags ({@code mllabs.lab}, {@code mllabs.learner}) the run lacks. */
    public void expectLabTags(Run run, Problems problems) {
        Map<String, String> tags = RunData.tags(run);
        problems.expect("tag " + LabTag.NAME, labId, tags.get(LabTag.NAME));
        problems.expect("tag " + LearnerId.TAG, learner(), tags.get(LearnerId.TAG));
    }
}
