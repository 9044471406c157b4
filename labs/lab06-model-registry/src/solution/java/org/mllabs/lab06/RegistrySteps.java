package org.mllabs.lab06;

import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.audit.AuditedCatalogRegistry;
import org.mllabs.runtime.audit.RefusedOperationException;
import org.mllabs.runtime.lab.LabContext;
import org.mllabs.runtime.mlflow.LearnerModelNames;
import org.mllabs.runtime.mlflow.ModelRegistry;

/**
 * Lab 06, reference solution of the steps.
 */
final class RegistrySteps {

    private final LabContext context;
    private final AuditedCatalogRegistry catalog;
    private final ModelRegistry registry;

    RegistrySteps(LabContext context) {
        this.context = context;
        this.catalog = context.catalog();
        this.registry = context.mlflow().registry();
    }

    /** Step 1: creates the registered model {@code name} in catalog mode, with the lab's tags. */
    void createModel(String name) {
        // DONE lab06.step1
        catalog.createRegisteredModel(name, context.runTags(), "Predicts which customers churn within a month");
    }

    /** Step 2: registers the model the run logged under {@code model/} as a new version; returns its number. */
    String registerVersion(String name, String runId) {
        // DONE lab06.step2
        return catalog.registerVersion(name, runId, "model").version();
    }

    /** Step 3: tags the version with its validation status and its feature set. */
    void tagVersion(String name, String version, String featureSet) {
        // DONE lab06.step3
        registry.setModelVersionTag(name, version, "validation_status", "passed");
        registry.setModelVersionTag(name, version, "feature_set", featureSet);
    }

    /** Step 4: points {@code @Champion} at the first version and {@code @Challenger} at the newest. */
    void setAliases(String name, List<String> versions) {
        // DONE lab06.step4
        registry.setAlias(name, "Champion", versions.get(0));
        registry.setAlias(name, "Challenger", versions.get(versions.size() - 1));
    }

    /**
     * Step 5: scores every version on the evaluation data, records each one's AUC as its version tag
     * {@value RegistryLab#AUC_TAG}, moves {@code @Champion} to the best, returns it.
     */
    String promoteBest(String name, List<String> versions, Dataset<Row> evaluation) {
        // DONE lab06.step5
        String best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (String version : versions) {
            PipelineModel model = context.models().load("models:/" + name + "/" + version);
            double auc = RegistryLab.auc(model, evaluation);
            registry.setModelVersionTag(name, version, RegistryLab.AUC_TAG, String.valueOf(auc));
            context.log("Version " + version + ": AUC " + auc + " on the evaluation data");
            if (auc > bestAuc) {
                best = version;
                bestAuc = auc;
            }
        }
        registry.setAlias(name, "Champion", best);
        return best;
    }

    /** Step 6: scores the batch with the model {@code @Champion} points at, in a run that records what it used. */
    void scoreBatch(String experimentId, String name, Dataset<Row> batch) {
        // DONE lab06.step6
        String modelUri = "models:/" + name + "@Champion";
        PipelineModel champion = context.models().load(modelUri);
        String version = registry.getVersionByAlias(name, "Champion").version();
        Dataset<Row> predictions = champion.transform(batch).select("customer_id", "prediction", "probability");
        long scored = predictions.count();

        CreateRun.Builder request = CreateRun.newBuilder().setExperimentId(experimentId)
                .setRunName("batch-inference").setStartTime(System.currentTimeMillis());
        context.runTags().forEach((key, value) -> request.addTags(RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = context.tracking().createRun(request.build()).getRunId();
        context.tracking().logParam(runId, "model_uri", modelUri);
        context.tracking().logParam(runId, "model_version", version);
        context.tracking().logMetric(runId, "scored_rows", scored);
        context.tracking().setTerminated(runId, RunStatus.FINISHED);
        context.log("Scored " + scored + " customers with " + modelUri + " (version " + version + ")");
    }

    /** Step 7: tries to create the two-part name in catalog mode, which refuses it; the runtime records the refusal. */
    void tryTwoPartName() {
        // DONE lab06.step7
        String twoPartName = LearnerModelNames.schemaName(context.learner(), RegistryLab.MODEL);
        try {
            catalog.createRegisteredModel(twoPartName, context.runTags(), null);
            context.log("Catalog mode accepted '" + twoPartName + "'");
        } catch (RefusedOperationException refused) {
            context.log("Catalog mode refused '" + twoPartName + "': " + refused.getMessage());
        }
    }
}
