package org.mllabs.lab06;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.datasets.LabDataset;
import org.mllabs.runtime.features.FeatureSetClassifier;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.lab.LabExercise;
import org.mllabs.runtime.mlflow.LearnerLabReset;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.LegacyStage;
import org.mllabs.runtime.mlflow.ModelVersion;

/**
 * Lab 06, given code: trains three churn classifiers, each in a run of its own that logs the fitted pipeline as an
 * MLflow model under {@code model/} and records the rows the versions are compared on
 * ({@value #EVALUATION_KEYS_ARTIFACT}), then calls the steps in {@link RegistrySteps} to register them, tag them, point
 * aliases at them, promote the best and score a batch through {@code @Champion}. Between the steps it shows that a
 * version's source never changes while an alias moves, and, for contrast, a legacy stage transition.
 * You do not need to change this class.
 */
public final class RegistryLab implements LabExercise {

    /** The model's own name; {@link LearnerModelNames} makes it {@code mllabs.<you>.churn_classifier}. */
    static final String MODEL = "churn_classifier";
    /** How many customers the batch inference scores. */
    static final int BATCH_ROWS = 500;
    /**
     * The artifact that records the evaluation rows on each candidate's run, one {@code customer_id} a line: the rows
     * step 5 compares the versions on, so that the grader scores each version on the same rows.
     */
    static final String EVALUATION_KEYS_ARTIFACT = "split/evaluation_keys.txt";
    /** The version tag with the AUC step 5 measured for the version. */
    static final String AUC_TAG = "eval_auc";

    private static final long SPLIT_SEED = 6L;
    private static final String LABEL = LabDataset.CUSTOMER_CHURN.labelColumn();

    /**
     * A feature set of a candidate model.
     *
     * @param name its name, logged as the run's param {@code feature_set}
     * @param numeric numeric columns, mean-imputed
     * @param categorical categorical columns, one-hot encoded (a missing value is a category of its own)
     */
    record FeatureSet(String name, List<String> numeric, List<String> categorical) {
    }

    /** The candidates, in the order they are trained and registered. */
    static final List<FeatureSet> CANDIDATES = List.of(
            new FeatureSet("numeric", List.of("tenure_months", "monthly_charges", "total_charges", "support_calls"),
                    List.of()),
            new FeatureSet("all", List.of("tenure_months", "monthly_charges", "total_charges", "support_calls"),
                    List.of("contract", "payment_method")),
            new FeatureSet("billing", List.of("monthly_charges", "support_calls"), List.of("payment_method")));

    /**
     * A trained candidate, logged in its run.
     *
     * @param features its feature set
     * @param runId the run that logged it under {@code model/}
     */
    record Candidate(FeatureSet features, String runId) {
    }

    @Override
    public void run(LabContext context) {
        // Each run of the lab starts afresh: what an earlier run left (runs, the registered models) is deleted.
        new LearnerLabReset(context.mlflow()).reset(context.labId(), context.learner());
        String name = LearnerModelNames.catalogName(context.learner(), MODEL);
        String experimentId = context.tracking().createExperiment(context.experimentName());

        Dataset<Row> churn = context.datasets().load(context.spark(), LabDataset.CUSTOMER_CHURN);
        Dataset<Row>[] split = churn.randomSplit(new double[] {0.6, 0.25, 0.15}, SPLIT_SEED);
        Dataset<Row> train = split[0].cache();
        Dataset<Row> evaluation = split[1].cache();
        Dataset<Row> batch = split[2].drop(LABEL).limit(BATCH_ROWS).cache();
        byte[] evaluationKeys = keys(evaluation);
        List<Candidate> candidates = new ArrayList<>();
        for (FeatureSet features : CANDIDATES) {
            candidates.add(trainAndLog(context, experimentId, features, train, evaluationKeys));
        }

        RegistrySteps steps = new RegistrySteps(context);
        steps.createModel(name);
        List<String> versions = new ArrayList<>();
        for (Candidate candidate : candidates) {
            String version = steps.registerVersion(name, candidate.runId());
            steps.tagVersion(name, version, candidate.features().name());
            versions.add(version);
            context.log("Registered " + name + " version " + version + " from run " + candidate.runId());
        }
        steps.setAliases(name, versions);
        context.log("Aliases: " + context.mlflow().registry().aliases(name));

        ModelVersion first = context.mlflow().registry().getModelVersion(name, versions.get(0));
        String best = steps.promoteBest(name, versions, evaluation);
        showImmutability(context, name, first, best);

        steps.scoreBatch(experimentId, name, batch);
        showLegacyStage(context, name, best);
        steps.tryTwoPartName();
    }

    /** The area under the ROC curve of a model on labelled data, for comparing versions (step 5). */
    static double auc(PipelineModel model, Dataset<Row> labelled) {
        return new BinaryClassificationEvaluator().setLabelCol(LABEL).setMetricName("areaUnderROC")
                .evaluate(model.transform(labelled));
    }

    /** The keys of the rows, one a line, as the artifact {@value #EVALUATION_KEYS_ARTIFACT} holds them. */
    private static byte[] keys(Dataset<Row> rows) {
        List<String> keys = rows.select(LabDataset.CUSTOMER_CHURN.keyColumn()).as(Encoders.STRING()).collectAsList();
        return (String.join("\n", keys) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Candidate trainAndLog(LabContext context, String experimentId, FeatureSet features,
                                         Dataset<Row> train, byte[] evaluationKeys) {
        PipelineModel model = classifier(features).pipeline().fit(train);
        CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName("train-" + features.name()).setStartTime(System.currentTimeMillis());
        context.runTags().forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = context.tracking().createRun(request.build()).getRunId();
        context.tracking().logParam(runId, "feature_set", features.name());
        context.models().log(runId, "model", model, classifier(features).signature());
        context.mlflow().artifacts().upload(runId, EVALUATION_KEYS_ARTIFACT, evaluationKeys);
        context.tracking().setTerminated(runId, RunStatus.FINISHED);
        context.log("Trained and logged the '" + features.name() + "' candidate in run " + runId);
        return new Candidate(features, runId);
    }

    private static FeatureSetClassifier classifier(FeatureSet features) {
        return new FeatureSetClassifier(LabDataset.CUSTOMER_CHURN, features.numeric(), features.categorical());
    }

    /** A version keeps its source and run for ever; only the alias moved. */
    private static void showImmutability(LabContext context, String name, ModelVersion first, String best) {
        ModelVersion firstNow = context.mlflow().registry().getModelVersion(name, first.version());
        context.log("Version " + first.version() + " still has the source " + firstNow.source()
                + (firstNow.source().equals(first.source()) ? " (unchanged)" : " (CHANGED: " + first.source() + ")")
                + " and the run " + firstNow.runId() + "; @Champion now points at version "
                + context.mlflow().registry().aliases(name).get("Champion") + " (the best was version " + best + ")");
    }

    /**
     * For contrast only (not graded): the legacy stages, fixed names of which a version holds exactly one, moved with
     * transition requests. Aliases replace them, and Unity Catalog has no stages at all.
     */
    private static void showLegacyStage(LabContext context, String name, String version) {
        ModelVersion moved = context.mlflow().registry().transitionStage(name, version, LegacyStage.PRODUCTION, true);
        context.log("Legacy stages, for contrast: version " + moved.version() + " is now in stage "
                + moved.currentStage() + ": a stage is one of four fixed names and a version holds one, where an alias "
                + "is a name of yours that several versions cannot share and one version can carry many.");
    }
}
