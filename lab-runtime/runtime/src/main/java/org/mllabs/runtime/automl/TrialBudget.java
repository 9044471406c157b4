package org.mllabs.runtime.automl;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStatusTracker;

/**
 * Keeps an AutoML run within its budget. The run starts at {@code start} and must end by {@code start + budget}; the
 * trials get the budget less a reserve for what follows them (logging the last trials' models, the leaderboard and
 * the summary). At the trials' deadline no trial starts any more (the search's deadline); from then on, every
 * {@value #CANCEL_PERIOD_MILLIS} ms until the search returns, the budget looks for a running Spark job of the trials
 * and, once it finds one, cancels the trials' job group with every later job of it (a trial fits in several jobs):
 * that trial fails, "stopped at the time budget", and is logged as such. Looking first keeps Spark from warning that
 * a group it was asked to cancel had no job running, as it does when the deadline falls between a trial's jobs.
 *
 * <p>The reserve is {@value #RESERVE_SHARE} of the budget, at least {@value #MIN_RESERVE_SECONDS} s. What it must
 * cover runs no Spark job: a trial writes its model inside its own time (and job group), so logging the trials that
 * finish just before the deadline is a child run, a few tags and the upload of about 40 small files each; then the
 * summary's four artifacts, metrics and tags. Measured under heavy load (lab 10, 25 s budget, a trial cancelled at
 * the deadline), the run ended 0.3 s after the trials' deadline.
 */
final class TrialBudget implements AutoCloseable {

    static final double RESERVE_SHARE = 0.10;
    static final long MIN_RESERVE_SECONDS = 2;
    static final long CANCEL_PERIOD_MILLIS = 200;
    /** The failure of a trial stopped at the deadline. */
    static final String STOPPED = "stopped at the time budget";

    private final Instant start;
    private final Instant trialsDeadline;
    private final String jobGroup;
    private final SparkContext spark;
    private final ScheduledExecutorService canceller;

    private TrialBudget(Instant start, Duration budget, SparkContext spark, String jobGroup) {
        this.start = start;
        this.trialsDeadline = start.plus(budget).minus(reserve(budget));
        this.jobGroup = jobGroup;
        this.spark = spark;
        this.canceller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "automl-budget");
            thread.setDaemon(true);
            return thread;
        });
        long delay = Math.max(0, Duration.between(Instant.now(), trialsDeadline).toMillis());
        canceller.scheduleAtFixedRate(this::stopRunningTrial, delay, CANCEL_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Past the deadline: cancels the trials' running job and every later one, once a job of theirs runs. */
    private void stopRunningTrial() {
        SparkStatusTracker tracker = spark.statusTracker();
        Set<Integer> running = IntStream.of(tracker.getActiveJobIds()).boxed().collect(Collectors.toSet());
        if (IntStream.of(tracker.getJobIdsForGroup(jobGroup)).anyMatch(running::contains)) {
            spark.cancelJobGroupAndFutureJobs(jobGroup);
            canceller.shutdown();
        }
    }

    /**
     * Starts watching a run that started at {@code start}; trials mark their Spark jobs with {@link #jobGroup()}.
     */
    static TrialBudget start(Instant start, Duration budget, SparkContext spark, String jobGroup) {
        return new TrialBudget(start, budget, spark, jobGroup);
    }

    /** What the trials leave of the budget for the end of the run. */
    static Duration reserve(Duration budget) {
        long share = Math.round(budget.toMillis() * RESERVE_SHARE);
        return Duration.ofMillis(Math.max(share, MIN_RESERVE_SECONDS * 1000));
    }

    /** When the run started. */
    Instant start() {
        return start;
    }

    /** No trial starts at or after this, and running ones are stopped. */
    Instant trialsDeadline() {
        return trialsDeadline;
    }

    /** Whether the trials' deadline has come. */
    boolean expired() {
        return !Instant.now().isBefore(trialsDeadline);
    }

    /** The Spark job group of the run's trials. */
    String jobGroup() {
        return jobGroup;
    }

    /** Stops cancelling. */
    @Override
    public void close() {
        canceller.shutdownNow();
    }
}
