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
 * that trial fails, {@value AutoMl#STOPPED_AT_BUDGET}, and is logged as such. Looking first keeps Spark from warning
 * that a group it was asked to cancel had no job running, as it does when the deadline falls between a trial's jobs.
 *
 * <p>The reserve is {@value #RESERVE_SHARE} of the budget, at least {@value #MIN_RESERVE_SECONDS} s, and grows with
 * what the machine shows: what must fit in it runs no Spark job, but it talks to the tracking server (a trial that
 * finished just before the deadline is a child run, a few tags and the upload of about 40 small files; the summary
 * is four artifacts, metrics and tags), and a loaded machine or server makes that slow. So each trial's logging is
 * timed ({@link #trialLogged}), and the reserve is at least the slowest so far times the trials that can finish
 * together before the deadline, plus one for the summary; the trials' deadline only ever moves earlier, and never
 * before half the budget.
 */
final class TrialBudget implements AutoCloseable {

    static final double RESERVE_SHARE = 0.10;
    static final long MIN_RESERVE_SECONDS = 2;
    static final long CANCEL_PERIOD_MILLIS = 200;

    private final Instant start;
    private final Duration budget;
    private final int parallelism;
    private final String jobGroup;
    private final SparkContext spark;
    private final ScheduledExecutorService canceller;
    private volatile Instant trialsDeadline;
    private Duration slowestLogging = Duration.ZERO;

    private TrialBudget(Instant start, Duration budget, int parallelism, SparkContext spark, String jobGroup) {
        this.start = start;
        this.budget = budget;
        this.parallelism = parallelism;
        this.trialsDeadline = start.plus(budget).minus(reserve(budget));
        this.jobGroup = jobGroup;
        this.spark = spark;
        this.canceller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "automl-budget");
            thread.setDaemon(true);
            return thread;
        });
        canceller.scheduleAtFixedRate(this::stopRunningTrial, CANCEL_PERIOD_MILLIS, CANCEL_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Past the deadline: cancels the trials' running job and every later one, once a job of theirs runs. */
    private void stopRunningTrial() {
        if (!expired()) {
            return;
        }
        SparkStatusTracker tracker = spark.statusTracker();
        Set<Integer> running = IntStream.of(tracker.getActiveJobIds()).boxed().collect(Collectors.toSet());
        if (IntStream.of(tracker.getJobIdsForGroup(jobGroup)).anyMatch(running::contains)) {
            spark.cancelJobGroupAndFutureJobs(jobGroup);
            canceller.shutdown();
        }
    }

    /**
     * Starts watching a run that started at {@code start}, whose search runs {@code parallelism} trials at a time;
     * trials mark their Spark jobs with {@link #jobGroup()}.
     */
    static TrialBudget start(Instant start, Duration budget, int parallelism, SparkContext spark, String jobGroup) {
        return new TrialBudget(start, budget, parallelism, spark, jobGroup);
    }

    /** What the trials leave of the budget for the end of the run. */
    static Duration reserve(Duration budget) {
        long share = Math.round(budget.toMillis() * RESERVE_SHARE);
        return Duration.ofMillis(Math.max(share, MIN_RESERVE_SECONDS * 1000));
    }

    /**
     * Hears how long logging a trial took, and moves the trials' deadline earlier when the end of the run would not
     * fit in the reserve at that pace.
     */
    synchronized void trialLogged(Duration took) {
        if (took.compareTo(slowestLogging) <= 0) {
            return;
        }
        slowestLogging = took;
        Duration needed = took.multipliedBy(parallelism + 1L);
        Duration reserve = needed.compareTo(reserve(budget)) > 0 ? needed : reserve(budget);
        Duration most = budget.dividedBy(2);
        Instant deadline = start.plus(budget).minus(reserve.compareTo(most) > 0 ? most : reserve);
        if (deadline.isBefore(trialsDeadline)) {
            trialsDeadline = deadline;
        }
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
