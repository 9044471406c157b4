package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunTag;

class RunSystemTagsTest {

    private final RunSystemTags tags = RunSystemTags.local("ada", "org.mllabs.lab06.RegistryLab");

    @Test
    void aRequestWithoutSystemTagsGetsAllThree() {
        CreateRun completed = tags.completing(CreateRun.newBuilder().setExperimentId("1").build());

        assertThat(tagsOf(completed)).containsExactlyInAnyOrderEntriesOf(Map.of(RunSystemTags.USER, "ada",
                RunSystemTags.SOURCE_NAME, "org.mllabs.lab06.RegistryLab", RunSystemTags.SOURCE_TYPE, "LOCAL"));
    }

    @Test
    void aTagTheRequestSetsIsKept() {
        CreateRun request = CreateRun.newBuilder().setExperimentId("1")
                .addTags(RunTag.newBuilder().setKey(RunSystemTags.SOURCE_NAME).setValue("notebook.py")).build();

        assertThat(tagsOf(tags.completing(request))).containsEntry(RunSystemTags.SOURCE_NAME, "notebook.py")
                .containsEntry(RunSystemTags.USER, "ada").hasSize(3);
    }

    @Test
    void aNoteIsAddedUnlessTheTagsHaveOne() {
        assertThat(RunSystemTags.note(Map.of("mllabs.lab", "lab06"), "what it is"))
                .containsEntry(RunSystemTags.NOTE, "what it is").containsEntry("mllabs.lab", "lab06");
        assertThat(RunSystemTags.note(Map.of(RunSystemTags.NOTE, "mine"), "what it is"))
                .containsEntry(RunSystemTags.NOTE, "mine");
    }

    private static Map<String, String> tagsOf(CreateRun request) {
        return request.getTagsList().stream().collect(Collectors.toMap(RunTag::getKey,
                RunTag::getValue));
    }
}
