package org.mllabs.runtime.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mllabs.runtime.mlflow.LabMlflow;

/**
 * The refusals of one run of a lab, recorded by the runtime's audited wrappers. The first refusal starts the run
 * {@value #RUN_NAME} in the lab's experiment (with the lab's tags and {@value #TAG}{@code =}{@value #TAG_VALUE});
 * each refusal becomes the artifact {@value #DIRECTORY}{@code /<n>.json} of that run ({@link
 * RefusedOperation#toJson()}), and the run is FINISHED after each.
 *
 * <p>There is no public way to add an entry: only the wrappers of this package record, and only the refusals of the
 * operations they carried out themselves. See the package comment for what that does and does not guarantee.
 */
public final class RefusalAudit {

    /** The name of the run the refusals go to. */
    public static final String RUN_NAME = "mllabs-refusals";
    /** The tag that marks that run. */
    public static final String TAG = "mllabs.audit";
    /** The value of {@value #TAG} on that run. */
    public static final String TAG_VALUE = "refusals";
    /** The artifact directory of the entries. */
    public static final String DIRECTORY = "refusals";

    private final AuditTrail<RefusedOperation> trail;

    RefusalAudit(Consumer<RefusedOperation> sink, Consumer<String> log) {
        this.trail = new AuditTrail<>(sink, log);
    }

    /**
     * The audit of a lab's run, written to the MLflow server.
     *
     * @param mlflow the lab's client layer, asked for on each refusal (a lab context reopens it after closing)
     * @param experimentName the lab's experiment, created if it does not exist yet
     * @param runTags the lab's tags (lab and learner), so that {@code lab reset} finds the run
     * @param log prints one line for the learner
     */
    public static RefusalAudit toMlflow(Supplier<LabMlflow> mlflow, String experimentName, Map<String, String> runTags,
                                        Consumer<String> log) {
        AuditRun run = new AuditRun(mlflow, experimentName, runTags, RUN_NAME, TAG_VALUE, DIRECTORY,
                "The runtime's record of the operations it refused in this lab: one JSON file per "
                + "refusal under " + DIRECTORY + "/, with what was tried, on which name, and the exception.");
        return new RefusalAudit(refusal -> run.accept(refusal.toJson()), log);
    }

    /** The refusals recorded so far, oldest first. */
    public List<RefusedOperation> recorded() {
        return trail.recorded();
    }

    /**
     * Records a refusal and returns the exception the wrapper throws. When the record cannot be written (the server
     * went away), that failure is thrown instead, carrying the refusal's cause: the refusal must not pass for recorded.
     */
    RefusedOperationException record(RefusedOperation refusal, Throwable cause) {
        try {
            trail.add(refusal, "The runtime recorded in run " + RUN_NAME + ": " + refusal.operation() + " on "
                    + refusal.target() + " refused (" + refusal.exceptionClass() + ")");
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            throw e;
        }
        return new RefusedOperationException(refusal, cause);
    }
}
