package org.mllabs.runtime.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.audit.RefusalAudit;
import org.mllabs.runtime.audit.RefusedOperationException;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.mlflow.RunSystemTags;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;

/**
 * A lab's runs against a real MLflow server: the experiment found or created, tags (the system tags Python MLflow
 * sets among them), nesting, how runs end and the timestamps of metrics logged over steps.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class LabRunsIT {

    private LabContext context;
    private LearnerId learner;

    @BeforeEach
    void openContext(MlflowServer server, @TempDir Path work) {
        learner = LabFixture.newLearner("runs");
        LabDescriptor lab = new LabDescriptor("lab99", "Runs", "A lab for this test", List.of(), "Lab99",
                List.of(), List.of(), work);
        context = new LabContext(lab, learner, server, () -> {
            throw new IllegalStateException("no Spark in this test");
        }, work.resolve("datasets"), work, line -> { });
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void theExperimentIsCreatedOnceAndFoundAgain() {
        String id = new LabRuns(context).experimentId();

        assertThat(context.tracking().getExperiment(id).getName()).isEqualTo("/mllabs/" + learner + "/lab99");
        assertThat(new LabRuns(context).experimentId()).isEqualTo(id);
    }

    @Test
    void aTopLevelRunHasItsNameAndTheLabsTagsAndStaysRunning() {
        String runId = new LabRuns(context).start("sweep");

        Run run = context.tracking().getRun(runId);
        assertThat(run.getInfo().getRunName()).isEqualTo("sweep");
        assertThat(RunData.tags(run)).containsAllEntriesOf(context.runTags()).doesNotContainKey(RunData.PARENT_RUN_ID);
        assertThat(run.getInfo().getStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aNestedRunNamesItsParentAndCarriesTheLabsTags() {
        LabRuns runs = new LabRuns(context);
        String parent = runs.start("sweep");

        Run child = context.tracking().getRun(runs.startNested(parent, "candidate"));

        assertThat(RunData.tags(child)).containsAllEntriesOf(context.runTags())
                .containsEntry(RunData.PARENT_RUN_ID, parent);
        assertThat(child.getInfo().getExperimentId()).isEqualTo(runs.experimentId());
    }

    @Test
    void workThatEndsWellFinishesTheRunAndWorkThatThrowsFailsIt() {
        LabRuns runs = new LabRuns(context);
        String good = runs.start("good");
        String bad = runs.start("bad");

        assertThat(runs.finishAfter(good, () -> "done")).isEqualTo("done");
        assertThatThrownBy(() -> runs.finishAfter(bad, () -> {
            throw new StepNotDoneException("lab99.step1", "a step");
        })).isInstanceOf(StepNotDoneException.class);

        assertThat(Map.of("good", status(good), "bad", status(bad)))
                .containsEntry("good", RunStatus.FINISHED).containsEntry("bad", RunStatus.FAILED);
    }

    @Test
    void everyRunTheLabCreatesSaysWhoAndWhatAsPythonsStartRunDoes() {
        LabRuns runs = new LabRuns(context);
        String fromLabRuns = runs.start("sweep");
        String fromTheClient = context.tracking().createRun(runs.experimentId()).getRunId();

        for (String runId : List.of(fromLabRuns, fromTheClient)) {
            assertThat(RunData.tags(context.tracking().getRun(runId)))
                    .containsEntry(RunSystemTags.USER, learner.value())
                    .containsEntry(RunSystemTags.SOURCE_NAME, "Lab99")
                    .containsEntry(RunSystemTags.SOURCE_TYPE, "LOCAL");
        }
    }

    @Test
    void aSystemTagTheLabSetsItselfIsKept() {
        CreateRun request = CreateRun.newBuilder().setExperimentId(new LabRuns(context).experimentId())
                .addTags(RunTag.newBuilder().setKey(RunSystemTags.USER).setValue("someone-else"))
                .addTags(RunTag.newBuilder().setKey(RunSystemTags.NOTE).setValue("my description")).build();

        Map<String, String> tags = RunData.tags(context.tracking().getRun(
                context.tracking().createRun(request).getRunId()));

        assertThat(tags).containsEntry(RunSystemTags.USER, "someone-else")
                .containsEntry(RunSystemTags.NOTE, "my description")
                .containsEntry(RunSystemTags.SOURCE_NAME, "Lab99");
    }

    @Test
    void theRuntimesAuditRunDescribesWhatItRecords() {
        assertThatThrownBy(() -> context.catalog().createRegisteredModel("two.parts", Map.of(), null))
                .isInstanceOf(RefusedOperationException.class);

        String auditRunId = context.tracking().searchRuns(List.of(new LabRuns(context).experimentId()),
                "attributes.run_name = '" + RefusalAudit.RUN_NAME + "'").get(0).getRunId();
        assertThat(RunData.tags(context.tracking().getRun(auditRunId)))
                .containsEntry(RunSystemTags.USER, learner.value())
                .hasEntrySatisfying(RunSystemTags.NOTE, note -> assertThat(note).contains("refused"));
    }

    @Test
    void valuesLoggedOverStepsWithOneTimestampComeBackWithIncreasingOnes() {
        String runId = new LabRuns(context).start("curve");
        long now = System.currentTimeMillis();
        for (int step = 0; step < 5; step++) {
            context.tracking().logMetric(runId, "train_loss", 1.0 / (step + 1), now, step);
        }
        context.tracking().logBatch(runId, List.of(batchMetric(0, now), batchMetric(1, now), batchMetric(2, now)),
                List.of(), List.of());

        for (String key : List.of("train_loss", "val_loss")) {
            List<Metric> history = context.tracking().getMetricHistory(runId, key).stream()
                    .sorted(Comparator.comparingLong(Metric::getStep)).toList();
            assertThat(history).extracting(Metric::getTimestamp).doesNotHaveDuplicates().isSorted()
                    .startsWith(now);
        }
    }

    private static Metric batchMetric(long step, long timestamp) {
        return Metric.newBuilder().setKey("val_loss").setValue(1.0 / (step + 1)).setStep(step).setTimestamp(timestamp)
                .build();
    }

    private RunStatus status(String runId) {
        return context.tracking().getRun(runId).getInfo().getStatus();
    }
}
