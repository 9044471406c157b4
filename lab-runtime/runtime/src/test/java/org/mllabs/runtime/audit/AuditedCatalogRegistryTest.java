package org.mllabs.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mllabs.runtime.mlflow.LabMlflow;
import org.mllabs.runtime.mlflow.RegistryNames;

/** Catalog mode's refusals are recorded by the runtime before the lab sees them; here no server listens at all. */
class AuditedCatalogRegistryTest {

    private final LabMlflow nowhere = LabMlflow.open(URI.create("http://127.0.0.1:9"));
    private final List<RefusedOperation> written = new ArrayList<>();
    private final RefusalAudit audit = new RefusalAudit(written::add, line -> { });
    private final AuditedCatalogRegistry catalog = new AuditedCatalogRegistry(nowhere, audit);

    @AfterEach
    void close() {
        nowhere.close();
    }

    @Test
    void aTwoPartNameIsRecordedWithCatalogModesOwnMessageThenThrown() {
        assertThatThrownBy(() -> catalog.createRegisteredModel("ada.churn", Map.of(), null))
                .isInstanceOf(RefusedOperationException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ada.churn'");

        assertThat(written).singleElement().satisfies(refusal -> {
            assertThat(refusal.operation()).isEqualTo(AuditedCatalogRegistry.CREATE_MODEL);
            assertThat(refusal.target()).isEqualTo("ada.churn");
            assertThat(refusal.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThatThrownBy(() -> RegistryNames.requireCatalogName("ada.churn"))
                    .hasMessage(refusal.message());
        });
        assertThat(audit.recorded()).isEqualTo(written);
    }

    @Test
    void aRefusedVersionNamesTheRunItWasRegisteredFrom() {
        assertThatThrownBy(() -> catalog.registerVersion("churn", "0123abcd", "model"))
                .isInstanceOf(RefusedOperationException.class);

        assertThat(written).singleElement().satisfies(refusal -> {
            assertThat(refusal.operation()).isEqualTo(AuditedCatalogRegistry.REGISTER_VERSION);
            assertThat(refusal.details()).containsEntry("run_id", "0123abcd").containsEntry("artifact_path", "model");
        });
    }

    @Test
    void anEntryReadsBackFromItsJsonAndNothingElseDoes() {
        assertThatThrownBy(() -> catalog.createRegisteredModel("churn", Map.of(), null));
        RefusedOperation refusal = written.get(0);

        assertThat(RefusedOperation.fromJson(refusal.toJson())).contains(refusal);
        assertThat(RefusedOperation.fromJson("two_part_name refused")).isEmpty();
        assertThat(RefusedOperation.fromJson("{\"operation\": \"x\", \"target\": \"y\"}")).isEmpty();
    }
}
