package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.server.MlflowServer;
import org.mllabs.runtime.testing.MlflowServerExtension;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class ModelRegistryIT {

    private static LabMlflow mlflow;
    private static ModelRegistry registry;
    private static String runId;

    @BeforeAll
    static void connect(MlflowServer server) {
        mlflow = LabMlflow.open(server.trackingUri());
        registry = mlflow.registry();
        runId = TestRuns.newRun(mlflow, "registry");
    }

    @AfterAll
    static void close() {
        mlflow.close();
    }

    private String newModelWithVersions(int versions) {
        String name = TestRuns.uniqueName("churn");
        registry.createRegisteredModel(name, Map.of(), null);
        for (int i = 0; i < versions; i++) {
            registry.createModelVersion(name, mlflow.artifactUriOf(runId) + "/model-" + i, runId, Map.of(), null);
        }
        return name;
    }

    @Test
    void createsAModelWithTagsAndDescriptionAndFindsIt() {
        String name = TestRuns.uniqueName("churn");

        registry.createRegisteredModel(name, Map.of("team", "retention", "domain", "telco"), "Predicts churn");

        RegisteredModel read = registry.getRegisteredModel(name);
        assertThat(read.name()).isEqualTo(name);
        assertThat(read.description()).isEqualTo("Predicts churn");
        assertThat(read.tags()).isEqualTo(Map.of("team", "retention", "domain", "telco"));
        assertThat(registry.searchRegisteredModels("name = '" + name + "'")).extracting(RegisteredModel::name)
                .containsExactly(name);
    }

    @Test
    void aTakenNameIsRefusedOnce() {
        String name = newModelWithVersions(0);

        assertThatThrownBy(() -> registry.createRegisteredModel(name, Map.of(), null))
                .isInstanceOfSatisfying(MlflowApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).contains(MlflowApiException.RESOURCE_ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("POST registered-models/create").contains(name);
                });
    }

    @Test
    void deletingAModelMakesItUnknown() {
        String name = newModelWithVersions(1);

        registry.deleteRegisteredModel(name);

        assertThat(registry.findRegisteredModel(name)).isEmpty();
        assertThatThrownBy(() -> registry.getRegisteredModel(name))
                .isInstanceOfSatisfying(MlflowApiException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void versionsAreNumberedReadyAndKeepTheirSourceAndRun() {
        String name = TestRuns.uniqueName("churn");
        registry.createRegisteredModel(name, Map.of(), null);
        String source = mlflow.artifactUriOf(runId) + "/model";

        ModelVersion first = registry.createModelVersion(name, source, runId, Map.of("stage", "trained"), "first");
        ModelVersion second = registry.createModelVersion(name, source + "-2", runId, Map.of(), null);

        assertThat(first.version()).isEqualTo("1");
        assertThat(second.version()).isEqualTo("2");
        assertThat(first.status()).isEqualTo(ModelVersion.READY);
        ModelVersion firstAgain = registry.getModelVersion(name, "1");
        assertThat(firstAgain.source()).isEqualTo(source);
        assertThat(firstAgain.runId()).isEqualTo(runId);
        assertThat(firstAgain.description()).isEqualTo("first");
        assertThat(firstAgain.tags()).containsEntry("stage", "trained");
    }

    @Test
    void versionsListsEveryVersionOldestFirstAndNoneOfAnotherModel() {
        String name = newModelWithVersions(3);
        newModelWithVersions(1);

        assertThat(registry.versions(name)).extracting(ModelVersion::version).containsExactly("1", "2", "3");
        assertThat(registry.versions(name)).extracting(ModelVersion::name).containsOnly(name);
        assertThat(registry.versions(TestRuns.uniqueName("absent"))).isEmpty();
    }

    @Test
    void aRegisteredModelTagIsSetAndOverwritten() {
        String name = newModelWithVersions(0);

        registry.setRegisteredModelTag(name, "owner", "lab05");
        registry.setRegisteredModelTag(name, "owner", "lab06");

        assertThat(registry.getRegisteredModel(name).tags()).isEqualTo(Map.of("owner", "lab06"));
    }

    @Test
    void versionTagsCanBeSetOverwrittenAndDeletedWithoutChangingTheVersion() {
        String name = newModelWithVersions(1);
        ModelVersion before = registry.getModelVersion(name, "1");

        registry.setModelVersionTag(name, "1", "validation", "pending");
        registry.setModelVersionTag(name, "1", "validation", "passed");
        registry.setModelVersionTag(name, "1", "owner", "lab02");
        registry.deleteModelVersionTag(name, "1", "owner");

        ModelVersion after = registry.getModelVersion(name, "1");
        assertThat(after.tags()).isEqualTo(Map.of("validation", "passed"));
        assertThat(after.source()).isEqualTo(before.source());
        assertThat(after.runId()).isEqualTo(before.runId());
    }

    @Test
    void anAliasIsSetMovedReadAndDeleted() {
        String name = newModelWithVersions(2);

        registry.setAlias(name, "Champion", "1");
        registry.setAlias(name, "Challenger", "2");
        assertThat(registry.getVersionByAlias(name, "Champion").version()).isEqualTo("1");
        assertThat(registry.aliases(name)).isEqualTo(Map.of("Champion", "1", "Challenger", "2"));

        registry.setAlias(name, "Champion", "2");
        assertThat(registry.getVersionByAlias(name, "Champion").version()).isEqualTo("2");
        assertThat(registry.getModelVersion(name, "2").aliases()).containsExactlyInAnyOrder("Champion", "Challenger");
        assertThat(registry.getModelVersion(name, "1").aliases()).isEmpty();

        registry.deleteAlias(name, "Challenger");
        assertThat(registry.aliases(name)).isEqualTo(Map.of("Champion", "2"));
        assertThat(registry.getModelVersion(name, "2").version()).isEqualTo("2");
    }

    @Test
    void aMissingAliasGivesAnErrorNamingTheModelTheAliasAndTheAliasesItHas() {
        String name = newModelWithVersions(1);
        registry.setAlias(name, "Champion", "1");

        assertThatThrownBy(() -> registry.getVersionByAlias(name, "Challenger"))
                .isInstanceOfSatisfying(MlflowApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).contains("INVALID_PARAMETER_VALUE");
                    assertThat(e.getMessage()).contains("@Challenger").contains(name).contains("Champion=1");
                });
    }

    @Test
    void anInvalidAliasIsRefusedBeforeAnythingIsSent() {
        String name = newModelWithVersions(1);

        assertThatThrownBy(() -> registry.setAlias(name, "v2", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> registry.setAlias(name, "my champion", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.aliases(name)).isEmpty();
    }

    @Test
    void legacyStagesMoveAndArchiveTheVersionThatHeldTheStage() {
        String name = newModelWithVersions(2);

        registry.transitionStage(name, "1", LegacyStage.PRODUCTION, false);
        ModelVersion second = registry.transitionStage(name, "2", LegacyStage.PRODUCTION, true);

        assertThat(second.currentStage()).isEqualTo("Production");
        assertThat(registry.getModelVersion(name, "1").currentStage()).isEqualTo("Archived");
    }
}
