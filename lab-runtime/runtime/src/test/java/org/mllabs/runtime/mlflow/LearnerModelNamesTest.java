package org.mllabs.runtime.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LearnerId;

class LearnerModelNamesTest {

    @Test
    void aLearnersCatalogNameHasTheCatalogTheLearnerAndTheModel() {
        assertThat(LearnerModelNames.catalogName(new LearnerId("ada-1"), "churn_classifier"))
                .isEqualTo("mllabs.ada-1.churn_classifier");
    }

    @Test
    void dotsOfALearnerIdBecomeUnderscoresSoTheNameKeepsThreeParts() {
        String name = LearnerModelNames.catalogName(new LearnerId("ada.lovelace"), "churn");

        assertThat(name).isEqualTo("mllabs.ada_lovelace.churn");
        assertThat(RegistryNames.requireCatalogName(name)).isEqualTo(name);
    }

    @Test
    void twoLearnersGetTwoNames() {
        assertThat(LearnerModelNames.catalogName(new LearnerId("ada"), "churn"))
                .isNotEqualTo(LearnerModelNames.catalogName(new LearnerId("bob"), "churn"));
    }

    @Test
    void theSchemaNameHasTwoPartsAndCatalogModeRefusesIt() {
        String name = LearnerModelNames.schemaName(new LearnerId("ada.l"), "churn");

        assertThat(name).isEqualTo("ada_l.churn");
        assertThatThrownBy(() -> RegistryNames.requireCatalogName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModelNameThatCannotBeAPartIsRefused() {
        assertThatThrownBy(() -> LearnerModelNames.catalogName(new LearnerId("ada"), "churn.v2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalog.schema.model");
    }
}
