package org.mllabs.runtime.automl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.model.ModelSignature;
import org.mllabs.runtime.model.SparkModels;
import org.mllabs.runtime.search.MlflowTrialLogger;
import org.mllabs.runtime.search.Params;
import org.mllabs.runtime.search.Trial;
import org.mllabs.runtime.search.TrialLogger;
import org.mllabs.runtime.search.Trials;

/**
 * Logs each AutoML trial: as a child run through {@link MlflowTrialLogger} (params, loss and metric, status), then,
 * for a successful trial, its model under {@value AutoMl#MODEL_PATH} with the signature, its generated source under
 * {@code trial/Trial_<n>.java} and the tag {@value AutoMl#ESTIMATOR_TAG}; and gathers the leaderboard.
 */
final class AutoMlTrialLogger implements TrialLogger {

    private final MlflowTrialLogger runs;
    private final LabMlflow mlflow;
    private final SparkModels models;
    private final ModelSignature signature;
    private final TrainingData data;
    private final AutoMlRun settings;
    private final Map<Params, FittedTrial> fitted;
    private final TrialBudget budget;
    private final List<LeaderboardEntry> entries = new ArrayList<>();

    AutoMlTrialLogger(MlflowTrialLogger runs, LabMlflow mlflow, SparkModels models, ModelSignature signature,
                      TrainingData data, AutoMlRun settings, Map<Params, FittedTrial> fitted, TrialBudget budget) {
        this.runs = runs;
        this.mlflow = mlflow;
        this.models = models;
        this.signature = signature;
        this.data = data;
        this.settings = settings;
        this.fitted = fitted;
        this.budget = budget;
    }

    @Override
    public void trialDone(Trial trial) {
        Instant start = Instant.now();
        log(trial);
        budget.trialLogged(Duration.between(start, Instant.now()));
    }

    private void log(Trial trial) {
        runs.trialDone(trial);
        FittedTrial done = fitted.remove(trial.params());
        if (!trial.isOk() || done == null) {
            return;
        }
        String runId = runs.runIds().get(trial.number());
        String metric = settings.metric().metricName();
        mlflow.client().setTag(runId, AutoMl.ESTIMATOR_TAG, done.family().key());
        models.logSaved(runId, AutoMl.MODEL_PATH, done.savedModel(), signature);
        String summary = String.format(Locale.ROOT, "AutoML trial %d: %s, validation %s %.4f (run %s).",
                trial.number(), done.family().key(), metric, done.metric(), runId);
        String source = TrialSource.render(trial.number(), summary, done.pipeline(), data, settings.trainFraction(),
                settings.seed());
        mlflow.artifacts().upload(runId, TrialSource.artifactPath(trial.number()),
                source.getBytes(StandardCharsets.UTF_8));
        Map<String, String> params = new LinkedHashMap<>();
        trial.params().asMap().forEach((key, value) -> params.put(key, String.valueOf(value)));
        entries.add(new LeaderboardEntry(trial.number(), done.family().key(), params, done.metric(),
                trial.endMillis() - trial.startMillis(), runId));
    }

    @Override
    public void searchDone(Trials trials) {
        runs.searchDone(trials);
    }

    /** The successful trials logged so far, ranked. */
    Leaderboard leaderboard() {
        return new Leaderboard(settings.metric(), entries);
    }
}
