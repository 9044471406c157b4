package org.mllabs.runtime.automl;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The successful trials of an AutoML run, best first by the run's metric (ties: the earlier trial first). Logged on
 * the AutoML run as {@code leaderboard.csv} and {@code leaderboard.md}.
 *
 * @param metric the metric the trials are ranked by
 * @param entries the trials, best first
 */
public record Leaderboard(AutoMlMetric metric, List<LeaderboardEntry> entries) {

    /** Sorts the entries, best first. */
    public Leaderboard {
        Comparator<LeaderboardEntry> byMetric = Comparator.comparingDouble(LeaderboardEntry::metric);
        entries = entries.stream()
                .sorted((metric.largerIsBetter() ? byMetric.reversed() : byMetric)
                        .thenComparingInt(LeaderboardEntry::trial))
                .toList();
    }

    /** The best trial, if any succeeded. */
    public Optional<LeaderboardEntry> best() {
        return entries.stream().findFirst();
    }

    /** The table as CSV: rank, trial, estimator, metric, seconds, run id, params ({@code key=value;...}). */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("rank,trial,estimator," + metric.metricName()
                + ",duration_seconds,run_id,params\n");
        for (int i = 0; i < entries.size(); i++) {
            LeaderboardEntry entry = entries.get(i);
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.6f,%.2f,%s,\"%s\"%n", i + 1, entry.trial(),
                    entry.estimator(), entry.metric(), entry.durationMillis() / 1000.0, entry.runId(),
                    params(entry.params(), ";")));
        }
        return csv.toString();
    }

    /** The table in Markdown. */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder("# Leaderboard\n\nRanked by " + metric + ".\n\n| Rank | Trial | "
                + "Estimator | " + metric.metricName() + " | Seconds | Params | Run |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < entries.size(); i++) {
            LeaderboardEntry entry = entries.get(i);
            text.append(String.format(Locale.ROOT, "| %d | %d | %s | %.4f | %.1f | %s | %s |%n", i + 1, entry.trial(),
                    entry.estimator(), entry.metric(), entry.durationMillis() / 1000.0,
                    params(entry.params(), ", "), entry.runId()));
        }
        return text.toString();
    }

    private static String params(Map<String, String> params, String separator) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !e.getKey().equals(EstimatorFamily.CHOICE_LABEL))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(separator));
    }
}
