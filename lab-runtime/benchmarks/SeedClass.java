import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.ArtifactFile;
import org.mllabs.runtime.mlflow.LabMlflow;

/**
 * Seeds a class on an MLflow server without Spark, for the class-grading benchmark: copies one learner's runs of a
 * lab (params, full metric histories, tags, artifact files, statuses) to N new learners through the REST API, so
 * every copy grades as the original does. Tags that name a run of the original (mlflow.parentRunId, best_run_id)
 * name the copy's run.
 *
 * <pre>java -cp lab-runtime/cli/target/lab.jar lab-runtime/benchmarks/SeedClass.java \
 *     TRACKING_URI SOURCE_LEARNER LAB COUNT PREFIX</pre>
 * The learners are PREFIX-0 .. PREFIX-(COUNT-1).
 */
public final class SeedClass {

    private static final int THREADS = 4;

    /** One run of the original, read once. */
    record SourceRun(Run run, List<Metric> metrics, Map<String, byte[]> artifacts) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: SeedClass TRACKING_URI SOURCE_LEARNER LAB COUNT PREFIX");
            System.exit(2);
        }
        String lab = args[2];
        int count = Integer.parseInt(args[3]);
        long start = System.nanoTime();
        try (LabMlflow mlflow = LabMlflow.open(java.net.URI.create(args[0]))) {
            List<SourceRun> runs = read(mlflow, new LearnerId(args[1]).experimentName(lab));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> copies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                LearnerId learner = new LearnerId(args[4] + "-" + i);
                copies.add(pool.submit(() -> copy(mlflow, runs, learner, lab)));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
            pool.shutdown();
        }
        System.out.printf("Seeded %d learners of %s in %.1f s%n", count, lab, (System.nanoTime() - start) / 1e9);
    }

    private static List<SourceRun> read(LabMlflow mlflow, String experimentName) {
        MlflowClient client = mlflow.client();
        Experiment experiment = mlflow.activeExperiment(experimentName)
                .orElseThrow(() -> new IllegalStateException("No experiment " + experimentName));
        List<SourceRun> runs = new ArrayList<>();
        for (Run run : client.searchRuns(List.of(experiment.getExperimentId()), "", ViewType.ACTIVE_ONLY, 1000)
                .getItems()) {
            String id = run.getInfo().getRunId();
            List<Metric> metrics = new ArrayList<>();
            run.getData().getMetricsList().stream().map(Metric::getKey).distinct()
                    .forEach(key -> metrics.addAll(client.getMetricHistory(id, key)));
            Map<String, byte[]> artifacts = new LinkedHashMap<>();
            for (ArtifactFile file : mlflow.artifacts().list(id, "")) {
                if (!file.isDir()) {
                    artifacts.put(file.path(), mlflow.artifacts().download(id, file.path()));
                }
            }
            runs.add(new SourceRun(run, metrics, artifacts));
        }
        return runs;
    }

    private static void copy(LabMlflow mlflow, List<SourceRun> runs, LearnerId learner, String lab) {
        MlflowClient client = mlflow.client();
        String experimentId = client.createExperiment(learner.experimentName(lab));
        Map<String, String> newIds = new HashMap<>();
        for (SourceRun source : runs) {
            CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId)
                    .setRunName(source.run().getInfo().getRunName())
                    .setStartTime(source.run().getInfo().getStartTime());
            newIds.put(source.run().getInfo().getRunId(), client.createRun(request.build()).getRunId());
        }
        for (SourceRun source : runs) {
            String id = newIds.get(source.run().getInfo().getRunId());
            List<RunTag> tags = new ArrayList<>();
            for (RunTag tag : source.run().getData().getTagsList()) {
                String value = tag.getKey().equals(LearnerId.TAG) ? learner.value()
                        : newIds.getOrDefault(tag.getValue(), tag.getValue());
                tags.add(RunTag.newBuilder().setKey(tag.getKey()).setValue(value).build());
            }
            List<Param> params = source.run().getData().getParamsList();
            client.logBatch(id, source.metrics(), params, tags);
            source.artifacts().forEach((path, bytes) -> mlflow.artifacts().upload(id, path, bytes));
            client.setTerminated(id, source.run().getInfo().getStatus(), source.run().getInfo().getEndTime());
        }
    }
}
