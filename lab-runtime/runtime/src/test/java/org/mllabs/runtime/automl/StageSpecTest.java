package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.Imputer;
import org.junit.jupiter.api.Test;

class StageSpecTest {

    @Test
    void theSpecificationBuildsTheStageAndRendersTheSameSetters() {
        StageSpec spec = StageSpec.of("org.apache.spark.ml.classification.RandomForestClassifier")
                .with("setLabelCol", "churned").with("setNumTrees", 20).with("setSeed", 42L)
                .with("setSubsamplingRate", 0.5);

        RandomForestClassifier forest = (RandomForestClassifier) spec.build();

        assertThat(forest.getLabelCol()).isEqualTo("churned");
        assertThat(forest.getNumTrees()).isEqualTo(20);
        assertThat(forest.getSeed()).isEqualTo(42L);
        assertThat(forest.getSubsamplingRate()).isEqualTo(0.5);
        assertThat(spec.source()).isEqualTo("new RandomForestClassifier().setLabelCol(\"churned\").setNumTrees(20)"
                + ".setSeed(42L).setSubsamplingRate(0.5)");
    }

    @Test
    void arraysAndQuotesAreJavaLiterals() {
        StageSpec spec = StageSpec.of("org.apache.spark.ml.feature.Imputer")
                .with("setInputCols", new String[] {"a", "b\"c"});

        assertThat(((Imputer) spec.build()).getInputCols()).containsExactly("a", "b\"c");
        assertThat(spec.source()).isEqualTo("new Imputer().setInputCols(new String[] {\"a\", \"b\\\"c\"})");
        assertThat(StageSpec.literal(1.0E-4)).isEqualTo("1.0E-4");
    }

    @Test
    void aSetterTheStageLacksIsRefusedWithTheExpression() {
        StageSpec spec = StageSpec.of("org.apache.spark.ml.feature.Imputer").with("setNumTrees", 3);

        assertThatThrownBy(spec::build).hasMessageContaining("new Imputer().setNumTrees(3)");
    }
}
