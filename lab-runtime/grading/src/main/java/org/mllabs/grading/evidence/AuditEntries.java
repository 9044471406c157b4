package org.mllabs.grading.evidence;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.runtime.audit.RefusalAudit;
import org.mllabs.runtime.mlflow.ArtifactFile;
import org.mllabs.runtime.mlflow.MlflowApiException;
import org.mllabs.runtime.mlflow.RunData;

/**
 * The JSON entries the runtime wrote to one kind of its audit runs in the learner's experiment of a lab: the
 * {@code .json} artifacts under a directory of the runs with a name that carry {@value RefusalAudit#TAG} with a value.
 */
final class AuditEntries {

    private AuditEntries() {
    }

    /**
     * The entries' texts, run by run (oldest first), file by file.
     *
     * @param runs the learner's runs of the lab
     * @param runName the audit run's name, such as {@value RefusalAudit#RUN_NAME}
     * @param tagValue its value of {@value RefusalAudit#TAG}
     * @param directory the artifact directory of its entries
     */
    static List<String> read(LearnerRuns runs, String runName, String tagValue, String directory) {
        return runs.runs("attributes.run_name = '" + runName + "'").stream()
                .filter(run -> tagValue.equals(RunData.tags(run).get(RefusalAudit.TAG)))
                .flatMap(run -> files(runs, run, directory).stream()
                        .map(file -> runs.artifact(run, file.path())
                                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)))
                        .flatMap(Optional::stream))
                .toList();
    }

    private static List<ArtifactFile> files(LearnerRuns runs, Run run, String directory) {
        try {
            return runs.context().mlflow().artifacts().list(RunData.id(run), directory).stream()
                    .filter(file -> !file.isDir() && file.path().endsWith(".json")).toList();
        } catch (MlflowApiException e) {
            if (e.isNotFound()) {
                return List.of();
            }
            throw e;
        }
    }
}
