package org.mllabs.grading.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.runtime.audit.RefusalAudit;
import org.mllabs.runtime.audit.RefusedOperation;
import org.mllabs.runtime.mlflow.ArtifactFile;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.RunData;

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
        List<Run> audits = runs.runs("attributes.run_name = '" + RefusalAudit.RUN_NAME + "'").stream()
                .filter(run -> RefusalAudit.TAG_VALUE.equals(RunData.tags(run).get(RefusalAudit.TAG))).toList();
        List<RefusedOperation> entries = audits.stream()
                .flatMap(run -> files(runs, run).stream()
                        .map(file -> runs.artifact(run, file.path())
                                .flatMap(bytes -> RefusedOperation.fromJson(new String(bytes, StandardCharsets.UTF_8))))
                        .flatMap(Optional::stream))
                .sorted(Comparator.comparing(RefusedOperation::time))
                .toList();
        return new RecordedRefusals(entries);
    }

    private static List<ArtifactFile> files(LearnerRuns runs, Run run) {
        try {
            return runs.context().mlflow().artifacts().list(RunData.id(run), RefusalAudit.DIRECTORY).stream()
                    .filter(file -> !file.isDir() && file.path().endsWith(".json")).toList();
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
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
