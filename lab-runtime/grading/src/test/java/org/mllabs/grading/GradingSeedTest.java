package org.mllabs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mllabs.runtime.LabEnvironment;
import org.mllabs.runtime.LabHome;

class GradingSeedTest {

    @TempDir
    Path home;

    private GradingSeed resolve(Map<String, String> variables) {
        return GradingSeed.resolve(new LabEnvironment(variables), new LabHome(home));
    }

    @Test
    void theVariableComesFirst() throws IOException {
        Files.writeString(home.resolve("grading-seed"), "5\n");

        GradingSeed seed = resolve(Map.of("MLLABS_GRADING_SEED", " 912837465 "));

        assertThat(seed.value()).isEqualTo(912837465L);
        assertThat(seed.source()).isEqualTo(GradingSeed.Source.ENVIRONMENT);
        assertThat(seed.describe()).isEqualTo("the grading seed from MLLABS_GRADING_SEED");
    }

    @Test
    void thenTheFileInTheStateDirectory() throws IOException {
        Files.writeString(home.resolve("grading-seed"), "-17\n");

        GradingSeed seed = resolve(Map.of());

        assertThat(seed.value()).isEqualTo(-17L);
        assertThat(seed.source()).isEqualTo(GradingSeed.Source.FILE);
        assertThat(seed.describe()).contains(home.resolve("grading-seed").toString());
        assertThat(seed.isPractice()).isFalse();
    }

    @Test
    void elseThePublicPracticeSeed() {
        GradingSeed seed = resolve(Map.of("MLLABS_GRADING_SEED", "  "));

        assertThat(seed.value()).isEqualTo(GradingSeed.PRACTICE);
        assertThat(seed.isPractice()).isTrue();
        assertThat(seed.describe()).isEqualTo("the public practice seed " + GradingSeed.PRACTICE);
    }

    @Test
    void aCorruptSeedFileIsAnEnvironmentProblemThatSaysWhereItIsAndWhatToWrite() throws IOException {
        Files.writeString(home.resolve("grading-seed"), "secret");

        assertThatThrownBy(() -> resolve(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the file " + home.resolve("grading-seed"))
                .hasMessageContaining("is not an integer (\"secret\")")
                .hasMessageContaining("write in it one whole number")
                .hasMessageContaining("delete the file");
    }

    @Test
    void aSeedVariableThatIsNotANumberSaysToSetOrUnsetIt() {
        assertThatThrownBy(() -> resolve(Map.of("MLLABS_GRADING_SEED", "12ab")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the variable MLLABS_GRADING_SEED")
                .hasMessageContaining("set it to one whole number")
                .hasMessageContaining("unset it");
    }
}
