package org.mllabs.runtime.audit;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mllabs.runtime.mlflow.LabMlflow;

/**
 * The time-travel reads of one run of a lab, recorded by {@link AuditedDeltaReader}. The first read starts the run
 * {@value #RUN_NAME} in the lab's experiment (with the lab's tags and {@value RefusalAudit#TAG}{@code =}
 * {@value #TAG_VALUE}); each read becomes the artifact {@value #DIRECTORY}{@code /<n>.json} of that run ({@link
 * TimeTravelRead#toJson()}).
 *
 * <p>There is no public way to add an entry: only the reader records, and only the reads it carried out itself. A
 * number the lab logs from such a read can then be told from a number typed in; see the package comment for what the
 * record does and does not guarantee.
 */
public final class ReadAudit {

    /** The name of the run the reads go to. */
    public static final String RUN_NAME = "mllabs-reads";
    /** The value of {@value RefusalAudit#TAG} on that run. */
    public static final String TAG_VALUE = "reads";
    /** The artifact directory of the entries. */
    public static final String DIRECTORY = "reads";

    private final AuditTrail<TimeTravelRead> trail;

    ReadAudit(Consumer<TimeTravelRead> sink, Consumer<String> log) {
        this.trail = new AuditTrail<>(sink, log);
    }

    /**
     * The audit of a lab's run, written to the MLflow server.
     *
     * @param mlflow the lab's client layer, asked for on each read (a lab context reopens it after closing)
     * @param experimentName the lab's experiment, created if it does not exist yet
     * @param runTags the lab's tags (lab and learner), so that {@code lab reset} finds the run
     * @param log prints one line for the learner
     */
    public static ReadAudit toMlflow(Supplier<LabMlflow> mlflow, String experimentName, Map<String, String> runTags,
                                     Consumer<String> log) {
        AuditRun run = new AuditRun(mlflow, experimentName, runTags, RUN_NAME, TAG_VALUE, DIRECTORY,
                "The runtime's record of the Delta time-travel reads this lab carried out: "
                + "one JSON file per read under " + DIRECTORY + "/, with the version each read resolved to.");
        return new ReadAudit(read -> run.accept(read.toJson()), log);
    }

    /** The reads recorded so far, oldest first. */
    public List<TimeTravelRead> recorded() {
        return trail.recorded();
    }

    /** Records a read. */
    void record(TimeTravelRead read) {
        trail.add(read, "The runtime recorded in run " + RUN_NAME + ": " + read.option() + " " + read.requested()
                + " of " + read.target() + " read version " + read.version());
    }
}
