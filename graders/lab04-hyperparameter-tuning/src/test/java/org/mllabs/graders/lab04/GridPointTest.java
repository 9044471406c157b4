package org.mllabs.graders.lab04;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridPointTest {

    private static final GridPoint WEAK_RIDGE = new GridPoint(0.001, 0.0);
    private static final GridPoint WEAK_LASSO = new GridPoint(0.001, 1.0);
    private static final GridPoint STRONG_RIDGE = new GridPoint(0.3, 0.0);

    @Test
    void theProductPairsEveryRegParamWithEveryElasticNetParam() {
        assertThat(GridPoint.product(List.of(0.001, 0.3), List.of(0.0, 1.0)))
                .containsExactly(WEAK_RIDGE, WEAK_LASSO, STRONG_RIDGE, new GridPoint(0.3, 1.0));
    }

    @Test
    void paramsAreReadAsNumbersWhateverTheirSpelling() {
        assertThat(GridPoint.fromParams(Map.of("regParam", "1e-3", "elasticNetParam", "0"), ""))
                .contains(WEAK_RIDGE);
        assertThat(GridPoint.fromParams(Map.of("best_regParam", "0.001", "best_elasticNetParam", "1.0"), "best_"))
                .contains(WEAK_LASSO);
    }

    @Test
    void aMissingOrNonNumericParamNamesNoPoint() {
        assertThat(GridPoint.fromParams(Map.of("regParam", "0.001"), "")).isEmpty();
        assertThat(GridPoint.fromParams(Map.of("regParam", "weak", "elasticNetParam", "0.0"), "")).isEmpty();
    }

    @Test
    void aJsonObjectNeedsBothNumbers() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertThat(GridPoint.fromJson(json.readTree("{\"regParam\": 0.3, \"elasticNetParam\": 0.0}")))
                .contains(STRONG_RIDGE);
        assertThat(GridPoint.fromJson(json.readTree("{\"regParam\": \"0.3\", \"elasticNetParam\": 0.0}"))).isEmpty();
        assertThat(GridPoint.fromJson(json.readTree("{\"regParam\": 0.3}"))).isEmpty();
    }

    @Test
    void theSamePointsInAnotherOrderMakeNoDifference() {
        assertThat(GridPoint.difference(List.of(WEAK_RIDGE, WEAK_LASSO), List.of(WEAK_LASSO, WEAK_RIDGE))).isEmpty();
    }

    @Test
    void aDifferenceNamesWhatIsMissingAndWhatIsUnexpectedCountingRepeats() {
        assertThat(GridPoint.difference(List.of(WEAK_RIDGE, WEAK_LASSO, STRONG_RIDGE),
                List.of(WEAK_RIDGE, WEAK_RIDGE, new GridPoint(0.05, 0.0))))
                .contains("missing [(regParam=0.001, elasticNetParam=1.0), (regParam=0.3, elasticNetParam=0.0)]; "
                        + "unexpected [(regParam=0.001, elasticNetParam=0.0), (regParam=0.05, elasticNetParam=0.0)]");
    }
}
