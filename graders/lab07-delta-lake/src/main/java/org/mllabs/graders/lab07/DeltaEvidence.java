package org.mllabs.graders.lab07;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.GradingContext;
import org.mllabs.grading.delta.DeltaCommit;
import org.mllabs.grading.delta.DeltaSnapshot;
import org.mllabs.grading.delta.DeltaTableReader;
import org.mllabs.grading.evidence.LearnerRuns;
import org.mllabs.grading.evidence.RecordedReads;
import org.mllabs.grading.evidence.RecordedRefusals;
import org.mllabs.runtime.mlflow.DatasetInput;
import org.mllabs.runtime.mlflow.RunData;

/**
 * What a learner's lab 07 left behind: the run {@value #RUN_NAME} in MLflow (params, metrics, artifacts, dataset
 * inputs, model), the refusals the runtime recorded, and the Delta table whose path the run records, read with the
 * Delta Kernel. Each table version's rows are read once per grade.
 */
final class DeltaEvidence {

    static final String RUN_NAME = "delta-training";
    static final String TABLE_PATH_PARAM = "delta_table_path";

    private final LearnerRuns runs;
    private final Map<Long, DeltaSnapshot> snapshots = new HashMap<>();
    private final Map<Long, List<Map<String, Object>>> rows = new HashMap<>();
    private DeltaTableReader table;
    private List<DeltaCommit> history;
    private List<DatasetInput> inputs;

    private DeltaEvidence(LearnerRuns runs) {
        this.runs = runs;
    }

    /** The reading of this grade, shared by its checks, hidden checks and figures. */
    static DeltaEvidence of(GradingContext context) {
        return DeltaGrader.STEPS.evidence(context, DeltaEvidence.class, DeltaEvidence::new);
    }

    /** The learner's runs of lab 07. */
    LearnerRuns runs() {
        return runs;
    }

    /** The newest top-level run named {@value #RUN_NAME}. */
    Optional<Run> run() {
        return runs.newestTopLevelRun(RUN_NAME);
    }

    /** The table path the run records (the given code logs it), if any. */
    Optional<Path> tablePath() {
        return run().map(run -> RunData.params(run).get(TABLE_PATH_PARAM)).map(Path::of);
    }

    /** The table at the recorded path, when there is a Delta table there. */
    synchronized Optional<DeltaTableReader> table() {
        if (table == null) {
            tablePath().map(DeltaTableReader::open).filter(DeltaTableReader::exists).ifPresent(t -> table = t);
        }
        return Optional.ofNullable(table);
    }

    /** The table's commit history, oldest first; empty without a table. */
    synchronized List<DeltaCommit> history() {
        if (history == null) {
            history = table().map(DeltaTableReader::history).orElse(List.of());
        }
        return history;
    }

    /** The table at a version. */
    synchronized DeltaSnapshot snapshot(long version) {
        return snapshots.computeIfAbsent(version, v -> table().orElseThrow().atVersion(v));
    }

    /** The rows of a version, read with the Kernel. */
    synchronized List<Map<String, Object>> rows(long version) {
        return rows.computeIfAbsent(version, v -> snapshot(v).rows());
    }

    /** The first commit with the operation, after {@code after}. */
    Optional<DeltaCommit> firstCommit(String operation, long after) {
        return history().stream().filter(c -> c.version() > after && c.operation().equals(operation)).findFirst();
    }

    /** The dataset inputs the run recorded. */
    synchronized List<DatasetInput> datasetInputs() {
        if (inputs == null) {
            inputs = run().map(run -> runs.context().mlflow().datasets().of(RunData.id(run))).orElse(List.of());
        }
        return inputs;
    }

    /** The refused operations the runtime recorded while the learner's lab ran. */
    RecordedRefusals refusals() {
        return RecordedRefusals.of(runs.context(), runs.labId());
    }

    /** The time-travel reads the runtime recorded while the lab ran ({@code context.timeTravel()}). */
    RecordedReads reads() {
        return RecordedReads.of(runs.context(), runs.labId());
    }

    /** The model the run logged under {@code model/}, loaded with the grade's Spark session. */
    Optional<PipelineModel> model() {
        return run().flatMap(run -> runs.model(run, "model"));
    }
}
