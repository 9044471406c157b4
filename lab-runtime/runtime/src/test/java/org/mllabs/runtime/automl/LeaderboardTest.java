package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaderboardTest {

    private static final List<LeaderboardEntry> ENTRIES = List.of(
            entry(0, 0.70), entry(1, 0.85), entry(2, 0.60), entry(3, 0.85));

    @Test
    void aLargerIsBetterMetricRanksTheLargestFirstAndTiesByTrial() {
        Leaderboard board = new Leaderboard(AutoMlMetric.AREA_UNDER_ROC, ENTRIES);

        assertThat(board.entries()).extracting(LeaderboardEntry::trial).containsExactly(1, 3, 0, 2);
        assertThat(board.best()).map(LeaderboardEntry::runId).contains("run-1");
    }

    @Test
    void aSmallerIsBetterMetricRanksTheSmallestFirst() {
        Leaderboard board = new Leaderboard(AutoMlMetric.RMSE, ENTRIES);

        assertThat(board.entries()).extracting(LeaderboardEntry::trial).containsExactly(2, 0, 1, 3);
        assertThat(AutoMlMetric.RMSE.loss(2.0)).isEqualTo(2.0);
        assertThat(AutoMlMetric.R2.loss(0.9)).isEqualTo(-0.9);
    }

    @Test
    void theTableIsWrittenAsCsvAndMarkdownInRankOrder() {
        Leaderboard board = new Leaderboard(AutoMlMetric.AREA_UNDER_ROC, ENTRIES);

        assertThat(board.toCsv().lines().toList()).hasSize(5)
                .startsWith("rank,trial,estimator,areaUnderROC,duration_seconds,run_id,params")
                .contains("1,1,gbt,0.850000,1.50,run-1,\"gbt_max_depth=3\"");
        assertThat(board.toMarkdown()).contains("| 4 | 2 | gbt | 0.6000 | 1.5 | gbt_max_depth=3 | run-2 |");
        assertThat(new Leaderboard(AutoMlMetric.RMSE, List.of()).best()).isEmpty();
    }

    @Test
    void theTrialsKeepAReserveOfTheBudgetForTheEndOfTheRun() {
        assertThat(TrialBudget.reserve(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(3));
        assertThat(TrialBudget.reserve(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
    }

    private static LeaderboardEntry entry(int trial, double metric) {
        return new LeaderboardEntry(trial, "gbt", Map.of("estimator", "gbt", "gbt_max_depth", "3"), metric, 1500,
                "run-" + trial);
    }
}
