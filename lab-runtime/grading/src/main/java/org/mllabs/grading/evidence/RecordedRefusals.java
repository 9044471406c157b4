package org.mllabs.grading.evidence;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.audit.RefusalAudit;
import org.mllabs.runtime.audit.RefusedOperation;

/**
 * The refusals the runtime recorded while the learner's lab ran ({@link RefusalAudit}): the JSON entries under
 * {@value RefusalAudit#DIRECTORY}/ of the learner's runs named {@value RefusalAudit#RUN_NAME} that carry the tag
 * {@value RefusalAudit#TAG}, read once per grade. An entry is a claim of the lab's JVM, not proof: a grader holds it
 * against the primary sources (the Delta log, the registry's own records) before it gives points for it.
 */
public final class RecordedRefusals {

    private final List<RefusedOperation> entries;

    private RecordedRefusals(List<RefusedOperation> entries) {
        this.entries = entries;
    }

    /** The refusals recorded in the learner's runs of the lab, read once per grade. */
    public static RecordedRefusals of(GradingContext context, String labId) {
        return context.evidence(RecordedRefusals.class, () -> read(LearnerRuns.of(context, labId)));
    }

    private static RecordedRefusals read(LearnerRuns runs) {
        return new RecordedRefusals(AuditEntries.read(runs, RefusalAudit.RUN_NAME, RefusalAudit.TAG_VALUE,
                        RefusalAudit.DIRECTORY).stream()
                .map(RefusedOperation::fromJson).flatMap(Optional::stream)
                .sorted(Comparator.comparing(RefusedOperation::time))
                .toList());
    }

    /** Every entry, oldest first. */
    public List<RefusedOperation> all() {
        return entries;
    }

    /** The entries of an operation, such as {@code delta.append}, oldest first. */
    public List<RefusedOperation> of(String operation) {
        return entries.stream().filter(entry -> entry.operation().equals(operation)).toList();
    }

    /** The entries, one a line ({@code operation on target: exception class}), or {@code none} when there is none. */
    public String summary() {
        return entries.isEmpty() ? "none" : entries.stream()
                .map(entry -> entry.operation() + " on " + entry.target() + ": " + entry.exceptionClass())
                .collect(Collectors.joining("; "));
    }
}
