package org.mllabs.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mllabs.runtime.LearnerId;

class LearnerEndpointNamesTest {

    @Test
    void anEndpointNameIsTheLearnersTheLabsAndItsOwnWithEveryOtherCharacterMadeAnUnderscore() {
        assertThat(LearnerEndpointNames.endpoint(new LearnerId("ada.l"), "lab11", "churn"))
                .isEqualTo("ada_l-lab11-churn");
    }

    @Test
    void aLongNameIsCutToSixtyThreeCharactersEndingInADigestOfTheWhole() {
        String a = LearnerEndpointNames.endpoint(new LearnerId("a".repeat(64)), "lab11", "churn");
        String b = LearnerEndpointNames.endpoint(new LearnerId("a".repeat(63) + "b"), "lab11", "churn");

        assertThat(a).hasSize(LearnerEndpointNames.MAX_LENGTH).matches("[A-Za-z0-9_-]+");
        assertThat(b).hasSize(LearnerEndpointNames.MAX_LENGTH).isNotEqualTo(a);
    }

    @Test
    void anEndpointIsTheLearnersOfALabWhenItHasTheirPrefix() {
        LearnerId ada = new LearnerId("ada");
        LearnerId longName = new LearnerId("a".repeat(64));

        assertThat(LearnerEndpointNames.isLearners("ada-lab11-churn", ada, "lab11")).isTrue();
        assertThat(LearnerEndpointNames.isLearners("ada-lab12-churn", ada, "lab11")).isFalse();
        assertThat(LearnerEndpointNames.isLearners("adam-lab11-churn", ada, "lab11")).isFalse();
        assertThat(LearnerEndpointNames.isLearners(LearnerEndpointNames.endpoint(longName, "lab11", "churn"),
                longName, "lab11")).isTrue();
    }

    @Test
    void theTableSchemaIsTheLearnersWithUnderscoresForDashes() {
        assertThat(LearnerEndpointNames.tableSchema(new LearnerId("solution-ab12.x"))).isEqualTo("solution_ab12_x");
        assertThat(LearnerEndpointNames.tableCatalog()).isEqualTo("mllabs");
    }
}
