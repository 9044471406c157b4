package org.mllabs.lab11;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabRuns;
import org.mllabs.runtime.mlflow.ModelRegistry;
import org.mllabs.runtime.serving.EndpointConfig;
import org.mllabs.runtime.serving.InferenceTable;
import org.mllabs.runtime.serving.ServingClient;

/**
 * Lab 11, reference solution of the steps.
 */
final class RolloutSteps {

    private final LabContext context;
    private final ServingClient serving;
    private final ModelRegistry registry;

    RolloutSteps(LabContext context) {
        this.context = context;
        this.serving = context.serving();
        this.registry = context.mlflow().registry();
    }

    /**
     * Step 1: points {@code @Champion} at the first version and {@code @Challenger} at the second, then creates the
     * endpoint serving the version {@code @Champion} resolves to, pinned by number, with the inference table.
     */
    void serveChampion(String endpoint, String model, List<String> versions, InferenceTable table) {
        // DONE lab11.step1
        registry.setAlias(model, "Champion", versions.get(0));
        registry.setAlias(model, "Challenger", versions.get(1));
        String championVersion = registry.getVersionByAlias(model, "Champion").version();
        serving.create(endpoint, table.config().servedEntity("champion", model, championVersion));
        serving.awaitReady(endpoint, ChampionChallengerLab.READY_TIMEOUT);
    }

    /** Step 2: adds the version {@code @Challenger} points at as a shadow; the champion keeps all the traffic. */
    void addShadow(String endpoint, String model, InferenceTable table) {
        // DONE lab11.step2
        EndpointConfig config = bothVersions(model, table).route("champion", 100).shadow("challenger");
        serving.updateConfig(endpoint, config);
        serving.awaitReady(endpoint, ChampionChallengerLab.READY_TIMEOUT);
    }

    /**
     * Step 3: pairs the champion's answers with the shadow's by request and customer, joins the labels, and logs
     * each one's accuracy on those pairs, and how many pairs, in a run {@value ChampionChallengerLab#COMPARISON_RUN}.
     */
    void compareOnShadow(Dataset<Row> answers, Dataset<Row> labels) {
        // DONE lab11.step3
        Dataset<Row> champion = answers.filter(col("shadow").equalTo(false)).select(col("databricks_request_id"),
                col(ChampionChallengerLab.KEY), col("prediction").as("champion_prediction"));
        Dataset<Row> challenger = answers.filter(col("shadow").equalTo(true)).select(col("databricks_request_id"),
                col(ChampionChallengerLab.KEY), col("prediction").as("challenger_prediction"));
        Dataset<Row> pairs = champion.join(challenger, scala(List.of("databricks_request_id",
                ChampionChallengerLab.KEY))).join(labels, ChampionChallengerLab.KEY).cache();
        long count = pairs.count();
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(ChampionChallengerLab.COMPARISON_RUN);
        context.tracking().logMetric(runId, "champion_accuracy", accuracy(pairs, "champion_prediction"));
        context.tracking().logMetric(runId, "challenger_accuracy", accuracy(pairs, "challenger_prediction"));
        context.tracking().logMetric(runId, "shadow_pairs", count);
        runs.end(runId, RunStatus.FINISHED);
        context.log("Compared champion and challenger on " + count + " shadow pairs");
    }

    /** Step 4: routes {@code challengerPercent} % of the traffic to the challenger and the rest to the champion. */
    void splitTraffic(String endpoint, String model, InferenceTable table, int challengerPercent) {
        // DONE lab11.step4
        int championPercent = 100 - challengerPercent;
        EndpointConfig config = bothVersions(model, table).route("champion", championPercent)
                .route("challenger", challengerPercent);
        serving.updateConfig(endpoint, config);
        serving.awaitReady(endpoint, ChampionChallengerLab.READY_TIMEOUT);
    }

    /**
     * Step 5: moves {@code @Champion} to the version {@code @Challenger} points at and re-pins the endpoint to that
     * version alone; returns it.
     */
    String promoteChallenger(String endpoint, String model, InferenceTable table) {
        // DONE lab11.step5
        String challenger = registry.getVersionByAlias(model, "Challenger").version();
        registry.setAlias(model, "Champion", challenger);
        pin(endpoint, model, challenger, table);
        return challenger;
    }

    /**
     * Step 6: measures the live accuracy of the version {@code @Champion} points at and of {@code previous} on their
     * answers in the inference table, logs both in a run {@value ChampionChallengerLab#REGRESSION_RUN}, and, when the
     * candidate is worse by more than {@value ChampionChallengerLab#REGRESSION_MARGIN}, moves {@code @Champion} back
     * to {@code previous} and re-pins the endpoint to it; returns the version {@code @Champion} points at then.
     */
    String rollBackIfRegressed(Dataset<Row> answers, Dataset<Row> labels, String endpoint, String model,
                               InferenceTable table, String previous) {
        // DONE lab11.step6
        String candidate = registry.getVersionByAlias(model, "Champion").version();
        Dataset<Row> live = answers.filter(col("shadow").equalTo(false)).join(labels, ChampionChallengerLab.KEY)
                .cache();
        double candidateAccuracy = accuracy(live.filter(col("model_version").equalTo(candidate)), "prediction");
        double previousAccuracy = accuracy(live.filter(col("model_version").equalTo(previous)), "prediction");
        LabRuns runs = new LabRuns(context);
        String runId = runs.start(ChampionChallengerLab.REGRESSION_RUN);
        context.tracking().logParam(runId, "candidate_version", candidate);
        context.tracking().logParam(runId, "previous_version", previous);
        context.tracking().logMetric(runId, "candidate_accuracy", candidateAccuracy);
        context.tracking().logMetric(runId, "previous_accuracy", previousAccuracy);
        runs.end(runId, RunStatus.FINISHED);
        if (candidateAccuracy < previousAccuracy - ChampionChallengerLab.REGRESSION_MARGIN) {
            context.log("Version " + candidate + " regressed (" + candidateAccuracy + " against " + previousAccuracy
                    + "): rolling back to version " + previous);
            registry.setAlias(model, "Champion", previous);
            pin(endpoint, model, previous, table);
            return previous;
        }
        return candidate;
    }

    /** The versions {@code @Champion} and {@code @Challenger} point at, served as "champion" and "challenger". */
    private EndpointConfig bothVersions(String model, InferenceTable table) {
        return table.config()
                .servedEntity("champion", model, registry.getVersionByAlias(model, "Champion").version())
                .servedEntity("challenger", model, registry.getVersionByAlias(model, "Challenger").version());
    }

    /** Serves the version alone, all the traffic to it. */
    private void pin(String endpoint, String model, String version, InferenceTable table) {
        serving.updateConfig(endpoint, table.config().servedEntity("champion", model, version));
        serving.awaitReady(endpoint, ChampionChallengerLab.READY_TIMEOUT);
    }

    /** The share of rows whose prediction equals the label. */
    private static double accuracy(Dataset<Row> rows, String prediction) {
        long all = rows.count();
        long right = rows.filter(col(prediction).equalTo(col(ChampionChallengerLab.LABEL).cast("double"))).count();
        return all == 0 ? 0.0 : (double) right / all;
    }

    private static scala.collection.immutable.Seq<String> scala(List<String> columns) {
        return scala.jdk.javaapi.CollectionConverters.asScala(columns).toSeq();
    }
}
