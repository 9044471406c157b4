package org.mllabs.runtime.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.mlflow.RunData;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;

/** A lab's runs against a real MLflow server: the experiment found or created, tags, nesting and how runs end. */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class LabRunsIT {

    private LabContext context;
    private LearnerId learner;

    @BeforeEach
    void openContext(MlflowServer server, @TempDir Path work) {
        learner = LabFixture.newLearner("runs");
        LabDescriptor lab = new LabDescriptor("lab99", "Runs", "A lab for this test", List.of(), "Lab99",
                List.of(), work);
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

    private RunStatus status(String runId) {
        return context.tracking().getRun(runId).getInfo().getStatus();
    }
}
