package org.mllabs.runtime.automl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mllabs.runtime.testing.SparkExtension;

/** The budget stops the trials' Spark jobs at its deadline, and only theirs; slow logging brings it nearer. */
@ExtendWith(SparkExtension.class)
class TrialBudgetTest {

    /** A budget whose trials' deadline is {@code seconds} from now (the reserve is 2 s). */
    private static TrialBudget budgetWithDeadlineIn(long seconds, SparkContext spark, String jobGroup) {
        return TrialBudget.start(Instant.now(), Duration.ofSeconds(seconds + TrialBudget.MIN_RESERVE_SECONDS), 2,
                spark, jobGroup);
    }

    /** A job of 2 tasks that takes about {@code seconds} unless it is cancelled; runs in the calling thread. */
    private static long slowJob(JavaSparkContext spark, double seconds) {
        int rows = 200;
        long pause = Math.round(seconds * 1000 / (rows / 2.0));
        return spark.parallelize(IntStream.range(0, rows).boxed().toList(), 2).map(row -> {
            Thread.sleep(pause);
            return row;
        }).count();
    }

    /** Runs a {@link #slowJob} in a thread of its own, in {@code jobGroup} when it is not null. */
    private static CompletableFuture<Long> inThread(JavaSparkContext spark, String jobGroup, double seconds) {
        return CompletableFuture.supplyAsync(() -> {
            if (jobGroup != null) {
                spark.setJobGroup(jobGroup, "test", false);
            }
            try {
                return slowJob(spark, seconds);
            } finally {
                spark.clearJobGroup();
            }
        });
    }

    @Test
    void aTrialJobRunningAtTheDeadlineIsCancelledAndSoAreTheTrialsLaterJobs(SparkSession session) throws Exception {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        String group = "budget-test-cancel";
        Instant begin = Instant.now();
        try (TrialBudget budget = budgetWithDeadlineIn(1, session.sparkContext(), group)) {
            CompletableFuture<Long> trial = inThread(spark, group, 20);

            assertThatThrownBy(() -> trial.get(15, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SparkException.class)
                    .rootCause().hasMessageContaining("cancelled");
            assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(budget.expired()).isTrue();

            assertThatThrownBy(() -> inThread(spark, group, 0.1).get(15, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SparkException.class);
        }
    }

    @Test
    void jobsOutsideTheTrialsGroupRunPastTheDeadline(SparkSession session) throws Exception {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        try (TrialBudget budget = budgetWithDeadlineIn(1, session.sparkContext(), "budget-test-other")) {
            List<CompletableFuture<Long>> others = List.of(inThread(spark, null, 3),
                    inThread(spark, "another-group", 3));

            for (CompletableFuture<Long> other : others) {
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(budget.expired()).isTrue();
        }
    }

    @Test
    void aTrialThatEndsBeforeTheDeadlineIsNotStoppedAndTheBudgetStaysOpenForItsGroup(SparkSession session)
            throws Exception {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        String group = "budget-test-early";
        try (TrialBudget budget = budgetWithDeadlineIn(5, session.sparkContext(), group)) {
            assertThat(inThread(spark, group, 0.5).get(30, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(budget.expired()).isFalse();
        }
    }

    @Test
    void slowLoggingMovesTheTrialsDeadlineEarlierNeverLaterAndNeverBeforeHalfTheBudget(SparkSession session) {
        Instant start = Instant.now();
        try (TrialBudget budget = TrialBudget.start(start, Duration.ofSeconds(30), 2, session.sparkContext(),
                "budget-test-logging")) {
            assertThat(budget.trialsDeadline()).isEqualTo(start.plusSeconds(27));

            budget.trialLogged(Duration.ofMillis(500));
            assertThat(budget.trialsDeadline()).as("3 x 0.5 s fits in the 3 s reserve")
                    .isEqualTo(start.plusSeconds(27));

            budget.trialLogged(Duration.ofSeconds(2));
            assertThat(budget.trialsDeadline()).as("two trials and the summary at 2 s each").isEqualTo(
                    start.plusSeconds(24));

            budget.trialLogged(Duration.ofSeconds(1));
            assertThat(budget.trialsDeadline()).isEqualTo(start.plusSeconds(24));

            budget.trialLogged(Duration.ofSeconds(20));
            assertThat(budget.trialsDeadline()).isEqualTo(start.plusSeconds(15));
        }
    }
}
