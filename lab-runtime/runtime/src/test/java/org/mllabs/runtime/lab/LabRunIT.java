package org.mllabs.runtime.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mllabs.runtime.LearnerId;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.LabFixture;
import org.mllabs.runtime.testing.MlflowServerExtension;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class LabRunIT {

    private LabContext context;

    @BeforeEach
    void open(MlflowServer server, @TempDir Path temp) {
        LabDescriptor lab = new LabDescriptor("lab42", "Sample", "A lab for tests", List.of("testing"), "sample.Lab",
                List.of(new LabDescriptor.Step("lab42.step1", "do it")), temp);
        LearnerId learner = LabFixture.newLearner("labrun");
        context = new LabContext(lab, learner, server, () -> {
            throw new AssertionError("no Spark needed");
        }, temp, temp, line -> { });
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Run run(LabRun run) {
        return context.tracking().getRun(run.id());
    }

    private static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
    }

    @Test
    void startsANamedTaggedRunInTheLearnersExperimentAndFinishesIt() {
        LabRun first;
        try (LabRun run = LabRun.start(context, "pipeline")) {
            assertThat(run(run).getInfo().getStatus()).isEqualTo(RunStatus.RUNNING);
            run.finish();
            first = run;
        }
        LabRun second = LabRun.start(context, "pipeline");

        assertThat(context.tracking().getExperiment(first.experimentId()).getName())
                .isEqualTo(context.experimentName());
        assertThat(second.experimentId()).as("the second run reuses the experiment").isEqualTo(first.experimentId());
        assertThat(run(first).getInfo().getRunName()).isEqualTo("pipeline");
        assertThat(run(first).getInfo().getStatus()).as("closing a finished run keeps it FINISHED")
                .isEqualTo(RunStatus.FINISHED);
        assertThat(tags(run(first))).containsAllEntriesOf(context.runTags());
    }

    @Test
    void aRunLeftByAStepThatThrowsEndsFailed() {
        LabRun[] opened = new LabRun[1];
        assertThatThrownBy(() -> {
            try (LabRun run = LabRun.start(context, "pipeline")) {
                opened[0] = run;
                throw new StepNotDoneException("lab42.step1", "do it");
            }
        }).isInstanceOf(StepNotDoneException.class);

        assertThat(run(opened[0]).getInfo().getStatus()).isEqualTo(RunStatus.FAILED);
    }
}
