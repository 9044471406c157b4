package org.mllabs.grading.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradescopeResultsTest {

    private final JsonNode json = read(new GradescopeResults().render(SampleGrade.grade()));

    private static JsonNode read(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void theTopLevelHoldsTheScoreTheTimeInSecondsAndTheSummary() {
        assertThat(json.get("score").asInt()).isEqualTo(10);
        assertThat(json.get("execution_time").isIntegralNumber()).isTrue();
        assertThat(json.get("execution_time").asInt()).isEqualTo(2);
        assertThat(json.get("output").asText()).contains("Grade of lab99 for ada", "Failed 3 of 4 checks.",
                "Score: 10/100", "a note & more");
        assertThat(json.get("visibility").asText()).isEqualTo("visible");
        assertThat(json.get("stdout_visibility").asText()).isEqualTo("hidden");
    }

    @Test
    void eachCheckIsATestNumberedByItsIdWithItsPointsStatusAndFindings() {
        JsonNode tests = json.get("tests");
        assertThat(tests).hasSize(4);
        assertThat(tests.findValuesAsText("number")).containsExactly("lab99.step1", "lab99.step2", "lab99.step3",
                "lab99.step4");
        assertThat(tests.findValuesAsText("status")).containsExactly("passed", "failed", "failed", "failed");
        JsonNode failed = tests.get(1);
        assertThat(failed.get("name").asText()).isEqualTo("tags " + SampleGrade.SPECIAL);
        assertThat(failed.get("score").asInt()).isZero();
        assertThat(failed.get("max_score").asInt()).isEqualTo(20);
        assertThat(failed.get("output").asText())
                .isEqualTo(SampleGrade.FAILED_DETAIL + "\nhint: README step 2: set <b> & \"c\"");
        assertThat(tests.get(0).get("score").asInt()).isEqualTo(10);
        assertThat(tests.get(2).get("output").asText()).isEqualTo("skipped because lab99.step2 did not pass");
    }

    @Test
    void aHiddenCheckCarriesItsTextAndIsShownAfterPublication() {
        JsonNode tests = json.get("tests");
        assertThat(tests.findValuesAsText("visibility")).containsExactly("visible", "visible", "visible",
                "after_published");
        assertThat(tests.get(3).get("output").asText()).contains(SampleGrade.HIDDEN_DETAIL, SampleGrade.HIDDEN_HINT);
    }

    @Test
    void itIsWrittenAsResultsJson(@TempDir Path dir) throws Exception {
        List<Path> written = new GradescopeResults().write(SampleGrade.grade(), ReportDirectory.create(dir));

        assertThat(written).containsExactly(dir.resolve("results.json"));
        assertThat(read(Files.readString(written.get(0)))).isEqualTo(json);
    }
}
