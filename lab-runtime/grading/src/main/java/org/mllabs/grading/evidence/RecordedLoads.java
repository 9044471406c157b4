package org.mllabs.grading.evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.audit.LoadAudit;
import org.mllabs.runtime.audit.ModelLoad;

/**
 * The models the runtime recorded loading while the learner's lab ran ({@link LoadAudit}, written for each load of
 * {@code context.models()}): the JSON entries under {@value LoadAudit#DIRECTORY}/ of the learner's runs named
 * {@value LoadAudit#RUN_NAME}, read once per grade. A run that names the model it scored with can then be held to the
 * model that was loaded, which a URI typed into a param has not. An entry is a claim of the lab's JVM, not proof: a
 * grader holds the version it names against the registry.
 */
public final class RecordedLoads {

    private final List<ModelLoad> entries;

    private RecordedLoads(List<ModelLoad> entries) {
        this.entries = entries;
    }

    /** The loads recorded in the learner's runs of the lab, read once per grade. */
    public static RecordedLoads of(GradingContext context, String labId) {
        return context.evidence(RecordedLoads.class, () -> new RecordedLoads(AuditEntries.read(
                        LearnerRuns.of(context, labId), LoadAudit.RUN_NAME, LoadAudit.TAG_VALUE, LoadAudit.DIRECTORY)
                .stream().map(ModelLoad::fromJson).flatMap(Optional::stream)
                .sorted(Comparator.comparing(ModelLoad::time)).toList()));
    }

    /** Every entry, oldest first. */
    public List<ModelLoad> all() {
        return entries;
    }

    /**
     * The newest load at or before this time, compared to the millisecond as MLflow keeps a run's times, if any: the
     * model a job that ended then loaded last.
     */
    public Optional<ModelLoad> lastAtOrBefore(Instant time) {
        return entries.stream().filter(entry -> !entry.time().truncatedTo(ChronoUnit.MILLIS).isAfter(time))
                .reduce((first, second) -> second);
    }

    /** The entries, one a line ({@code uri: version n}), or {@code none}. */
    public String summary() {
        return entries.isEmpty() ? "none" : entries.stream().map(RecordedLoads::describe)
                .collect(Collectors.joining("; "));
    }

    /** An entry as a hint names it: its URI and, for a registered model, the version it resolved to. */
    public static String describe(ModelLoad entry) {
        return entry.uri() + (entry.version().isEmpty() ? "" : " (version " + entry.version() + ")");
    }
}
