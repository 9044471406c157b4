package org.mllabs.runtime.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mllabs.runtime.mlflow.CatalogModelRegistry;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.ModelVersion;
import org.mllabs.runtime.mlflow.RegisteredModel;

/**
 * The registry in catalog mode ({@link CatalogModelRegistry}: three-part names only) whose refusals the runtime
 * records in the lab's {@link RefusalAudit}: a name catalog mode refuses ({@code IllegalArgumentException}, before
 * anything is sent) and a request the server refuses (an {@link MlflowApiException} with a 4xx status, such as a name
 * already taken). Each is recorded, then thrown on as a {@link RefusedOperationException} whose cause is the refusal.
 * A server error (5xx) is no refusal: it is thrown as it is.
 *
 * <pre>{@code
 * AuditedCatalogRegistry catalog = context.catalog();
 * catalog.createRegisteredModel("mllabs.ada.churn_classifier", context.runTags(), "Predicts churn");
 * catalog.createRegisteredModel("ada.churn_classifier", context.runTags(), null);  // refused and recorded
 * }</pre>
 */
public final class AuditedCatalogRegistry {

    /** The operation of a refused {@link #createRegisteredModel}. */
    public static final String CREATE_MODEL = "catalog.createRegisteredModel";
    /** The operation of a refused {@link #registerVersion}. */
    public static final String REGISTER_VERSION = "catalog.registerVersion";
    /** The detail that holds the server's HTTP status, for a refusal by the server. */
    public static final String HTTP_STATUS = "http_status";
    /** The detail that holds MLflow's error code, for a refusal by the server that carried one. */
    public static final String ERROR_CODE = "error_code";

    private final CatalogModelRegistry catalog;
    private final RefusalAudit audit;

    /**
     * @param mlflow the server whose registry this writes to
     * @param audit where refusals are recorded: the lab's ({@code context.refusals()})
     */
    public AuditedCatalogRegistry(LabMlflow mlflow, RefusalAudit audit) {
        this.catalog = new CatalogModelRegistry(mlflow);
        this.audit = audit;
    }

    /**
     * Creates a registered model with a three-part name, as {@link CatalogModelRegistry#createRegisteredModel}.
     *
     * @throws RefusedOperationException when catalog mode or the server refuses it, once the refusal is recorded
     */
    public RegisteredModel createRegisteredModel(String name, Map<String, String> tags, String description) {
        try {
            return catalog.createRegisteredModel(name, tags, description);
        } catch (IllegalArgumentException | MlflowApiException e) {
            throw refused(CREATE_MODEL, name, Map.of(), e);
        }
    }

    /**
     * Registers the model a run logged under an artifact path as the next version, as {@link
     * CatalogModelRegistry#registerVersion}; the entry of a refusal has the details {@code run_id} and
     * {@code artifact_path}.
     *
     * @throws RefusedOperationException when catalog mode or the server refuses it, once the refusal is recorded
     */
    public ModelVersion registerVersion(String name, String runId, String artifactPath) {
        try {
            return catalog.registerVersion(name, runId, artifactPath);
        } catch (IllegalArgumentException | MlflowApiException e) {
            Map<String, String> details = Map.of("run_id", String.valueOf(runId),
                    "artifact_path", String.valueOf(artifactPath));
            throw refused(REGISTER_VERSION, name, details, e);
        }
    }

    private RuntimeException refused(String operation, String name, Map<String, String> known, RuntimeException e) {
        Map<String, String> details = new LinkedHashMap<>(known);
        if (e instanceof MlflowApiException server) {
            if (server.status() >= 500) {
                return server;
            }
            details.put(HTTP_STATUS, Integer.toString(server.status()));
            server.errorCode().ifPresent(code -> details.put(ERROR_CODE, code));
        }
        return audit.record(new RefusedOperation(operation, name, Instant.now(), e.getClass().getName(),
                String.valueOf(e.getMessage()), details), e);
    }
}
