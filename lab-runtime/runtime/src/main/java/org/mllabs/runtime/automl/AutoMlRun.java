package org.mllabs.runtime.automl;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one AutoML run. Start from {@link #of(AutoMlMetric, Duration)} and change what differs:
 *
 * <pre>{@code
 * AutoMlRun settings = AutoMlRun.of(AutoMlMetric.AREA_UNDER_ROC, Duration.ofSeconds(30))
 *         .withExperiment(context.experimentName())
 *         .withRunTags(context.runTags());
 * }</pre>
 *
 * @param metric what the trials are compared on; it also says whether the problem is classification or regression
 * @param budget the wall time of the whole run, from its start to its end; the run ends within 10 % of it
 * @param experimentName the MLflow experiment, created when absent
 * @param runName the name of the parent run
 * @param runTags tags of the parent run and of every trial, such as {@code LabContext.runTags()}
 * @param seed the seed of the search, of the split and of every seeded estimator
 * @param maxTrials the most trials to run, whatever the budget leaves
 * @param parallelism how many trials run at once
 * @param trainFraction the share of the labelled rows the trials fit on; the rest is the validation part
 */
public record AutoMlRun(AutoMlMetric metric, Duration budget, String experimentName, String runName,
                        Map<String, String> runTags, long seed, int maxTrials, int parallelism, double trainFraction) {

    /** The default name of the parent run. */
    public static final String DEFAULT_RUN_NAME = "automl";

    /** Checks the settings. */
    public AutoMlRun {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(experimentName, "experimentName");
        runTags = Map.copyOf(runTags);
        if (budget.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("An AutoML budget of " + budget + " is too short: give it 5 s or more");
        }
        if (maxTrials < 1 || parallelism < 1 || !(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("maxTrials " + maxTrials + " and parallelism " + parallelism
                    + " must be at least 1, trainFraction " + trainFraction + " between 0 and 1");
        }
    }

    /**
     * A run of the metric within the budget: experiment {@code automl}, run name {@value #DEFAULT_RUN_NAME}, no tags,
     * seed 42, at most 100 trials, one at a time, 80 % of the rows to fit on. One at a time because a local Spark
     * session already spreads each trial's jobs over the cores, and a trial still running at the deadline is lost:
     * two at a time lose two.
     */
    public static AutoMlRun of(AutoMlMetric metric, Duration budget) {
        return new AutoMlRun(metric, budget, "automl", DEFAULT_RUN_NAME, Map.of(), 42L, 100, 1, 0.8);
    }

    /** The same run in another experiment. */
    public AutoMlRun withExperiment(String name) {
        return new AutoMlRun(metric, budget, name, runName, runTags, seed, maxTrials, parallelism, trainFraction);
    }

    /** The same run with another parent run name. */
    public AutoMlRun withRunName(String name) {
        return new AutoMlRun(metric, budget, experimentName, name, runTags, seed, maxTrials, parallelism,
                trainFraction);
    }

    /** The same run with tags on every run. */
    public AutoMlRun withRunTags(Map<String, String> tags) {
        return new AutoMlRun(metric, budget, experimentName, runName, tags, seed, maxTrials, parallelism,
                trainFraction);
    }

    /** The same run with another seed. */
    public AutoMlRun withSeed(long value) {
        return new AutoMlRun(metric, budget, experimentName, runName, runTags, value, maxTrials, parallelism,
                trainFraction);
    }

    /** The same run with another trial limit. */
    public AutoMlRun withMaxTrials(int value) {
        return new AutoMlRun(metric, budget, experimentName, runName, runTags, seed, value, parallelism,
                trainFraction);
    }

    /** The same run with another number of trials at once. */
    public AutoMlRun withParallelism(int value) {
        return new AutoMlRun(metric, budget, experimentName, runName, runTags, seed, maxTrials, value, trainFraction);
    }
}
