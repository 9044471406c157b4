package org.mllabs.grading.evidence;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.audit.AuditedDeltaReader;
import org.mllabs.runtime.audit.ReadAudit;
import org.mllabs.runtime.audit.TimeTravelRead;

/**
 * The time-travel reads the runtime recorded while the learner's lab ran ({@link ReadAudit}, written by
 * {@link AuditedDeltaReader}): the JSON entries under {@value ReadAudit#DIRECTORY}/ of the learner's runs named
 * {@value ReadAudit#RUN_NAME}, read once per grade. A count the learner logs from a version of a table can then be held
 * to a read of that version, which a number typed in has not. An entry is a claim of the lab's JVM, not proof: a grader
 * recomputes the count itself from the Delta log.
 */
public final class RecordedReads {

    private final List<TimeTravelRead> entries;

    private RecordedReads(List<TimeTravelRead> entries) {
        this.entries = entries;
    }

    /** The reads recorded in the learner's runs of the lab, read once per grade. */
    public static RecordedReads of(GradingContext context, String labId) {
        return context.evidence(RecordedReads.class, () -> new RecordedReads(AuditEntries.read(
                        LearnerRuns.of(context, labId), ReadAudit.RUN_NAME, ReadAudit.TAG_VALUE, ReadAudit.DIRECTORY)
                .stream().map(TimeTravelRead::fromJson).flatMap(Optional::stream)
                .sorted(Comparator.comparing(TimeTravelRead::time)).toList()));
    }

    /** Every entry, oldest first. */
    public List<TimeTravelRead> all() {
        return entries;
    }

    /** The entries of reads of the table at this path (compared as absolute, normalised paths), oldest first. */
    public List<TimeTravelRead> of(Path table) {
        Path wanted = table.toAbsolutePath().normalize();
        return entries.stream().filter(entry -> Path.of(entry.target()).toAbsolutePath().normalize().equals(wanted))
                .toList();
    }

    /**
     * Whether a read of the table by this option ({@value AuditedDeltaReader#VERSION_AS_OF} or
     * {@value AuditedDeltaReader#TIMESTAMP_AS_OF}) resolved to this version.
     */
    public boolean read(Path table, String option, long version) {
        return of(table).stream().anyMatch(entry -> entry.option().equals(option) && entry.version() == version);
    }

    /** The entries, one a line ({@code option requested of target: version n}), or {@code none}. */
    public String summary() {
        return entries.isEmpty() ? "none" : entries.stream()
                .map(entry -> entry.option() + " " + entry.requested() + " of " + entry.target() + ": version "
                        + entry.version())
                .collect(Collectors.joining("; "));
    }
}
