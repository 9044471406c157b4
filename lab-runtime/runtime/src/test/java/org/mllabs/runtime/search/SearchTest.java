package org.mllabs.runtime.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SearchTest {

    @Test
    void theSameSeedGivesTheSameTrialsEvenInParallelWithUnevenDurations() {
        Trials first = Search.minimize(SearchTest::slowKnownFunction, KnownFunction.SPACE, Algorithm.TPE, 30, 3, 42);
        Trials second = Search.minimize(SearchTest::slowKnownFunction, KnownFunction.SPACE, Algorithm.TPE, 30, 3, 42);
        Trials otherSeed = Search.minimize(KnownFunction::evaluate, KnownFunction.SPACE, Algorithm.TPE, 30, 3, 43);

        assertThat(paramsOf(second)).isEqualTo(paramsOf(first));
        assertThat(second.trials()).extracting(Trial::loss)
                .isEqualTo(first.trials().stream().map(Trial::loss).toList());
        assertThat(paramsOf(otherSeed)).isNotEqualTo(paramsOf(first));
    }

    @Test
    void trialsAreNumberedInOrderAndTheBudgetIsKept() {
        Trials trials = Search.minimize(KnownFunction::evaluate, KnownFunction.SPACE, Algorithm.RANDOM, 7, 3, 1);

        assertThat(trials.trials()).extracting(Trial::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(trials.stoppedEarly()).isFalse();
        assertThat(trials.best().orElseThrow().loss())
                .isEqualTo(trials.trials().stream().mapToDouble(Trial::loss).min().orElseThrow());
    }

    @Test
    void trialsOfABatchRunAtTheSameTime() {
        // Each trial waits for two others; run one at a time, they would time out and fail.
        CyclicBarrier barrier = new CyclicBarrier(3);
        Trials trials = Search.minimize(params -> {
            barrier.await(10, TimeUnit.SECONDS);
            return KnownFunction.evaluate(params);
        }, KnownFunction.SPACE, Algorithm.RANDOM, 6, 3, 9);

        assertThat(trials.failures()).isEmpty();
        assertThat(trials.size()).isEqualTo(6);
    }

    @Test
    void earlyStoppingStopsWhenTheLossStopsImproving() {
        SearchOptions options = SearchOptions.defaults().withEarlyStopping(5);

        Trials flat = Search.minimize(params -> TrialResult.ok(1.0), KnownFunction.SPACE, Algorithm.TPE, 50, 1, 4,
                options);

        assertThat(flat.size()).isEqualTo(6);
        assertThat(flat.stoppedEarly()).isTrue();
    }

    @Test
    void earlyStoppingLetsAnImprovingSearchRunItsBudget() {
        AtomicInteger calls = new AtomicInteger();
        SearchOptions options = SearchOptions.defaults().withEarlyStopping(2);

        Trials improving = Search.minimize(params -> TrialResult.ok(-calls.incrementAndGet()), KnownFunction.SPACE,
                Algorithm.RANDOM, 20, 1, 4, options);

        assertThat(improving.size()).isEqualTo(20);
        assertThat(improving.stoppedEarly()).isFalse();
    }

    @Test
    void noBatchStartsOnceTheDeadlineHasCome() {
        Instant latestStart = Instant.now().plusMillis(250);
        SearchOptions options = SearchOptions.defaults().withDeadline(() -> latestStart);

        Trials trials = Search.minimize(params -> {
            Thread.sleep(100);
            return KnownFunction.evaluate(params);
        }, KnownFunction.SPACE, Algorithm.RANDOM, 50, 2, 3, options);

        long deadline = latestStart.toEpochMilli();
        assertThat(trials.size()).isBetween(2, 6).matches(size -> size % 2 == 0, "whole batches");
        assertThat(trials.trials()).allSatisfy(trial -> assertThat(trial.startMillis()).isLessThan(deadline));
        assertThat(trials.trials().stream().mapToLong(Trial::endMillis).max().orElseThrow())
                .as("the last batch ran into the deadline, so no other batch started").isGreaterThanOrEqualTo(deadline);
        assertThat(SearchOptions.defaults().pastDeadline()).isFalse();
    }

    @Test
    void failuresAreRecordedAndTheSearchGoesOn() {
        Trials trials = Search.minimize(params -> {
            double x = params.getDouble("x");
            if (x < -5) {
                throw new IllegalStateException("x too low: " + x);
            }
            if (x < 0) {
                return TrialResult.fail("negative x");
            }
            if (x < 2) {
                return TrialResult.ok(Double.NaN);
            }
            return TrialResult.ok(x);
        }, KnownFunction.SPACE, Algorithm.TPE, 40, 2, 8);

        assertThat(trials.size()).isEqualTo(40);
        assertThat(trials.failures()).isNotEmpty().allSatisfy(trial -> {
            assertThat(trial.result().status()).isEqualTo(TrialStatus.FAIL);
            assertThat(trial.params().getDouble("x")).isLessThan(2);
            assertThat(trial.loss()).isNaN();
        });
        assertThat(trials.failures()).extracting(trial -> trial.result().failure())
                .anyMatch(failure -> failure.startsWith("IllegalStateException: x too low"))
                .anyMatch(failure -> failure.equals("negative x"))
                .anyMatch(failure -> failure.equals("the loss is NaN"));
        assertThat(trials.best().orElseThrow().params().getDouble("x")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theLoggerHearsEveryTrialInOrderThenTheEnd() {
        List<Integer> heard = new ArrayList<>();
        List<Trials> ends = new ArrayList<>();
        TrialLogger logger = new TrialLogger() {
            @Override
            public void trialDone(Trial trial) {
                heard.add(trial.number());
            }

            @Override
            public void searchDone(Trials trials) {
                ends.add(trials);
            }
        };

        Trials trials = Search.minimize(SearchTest::slowKnownFunction, KnownFunction.SPACE, Algorithm.RANDOM, 9, 3, 2,
                SearchOptions.defaults().withLogger(logger));

        assertThat(heard).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(ends).containsExactly(trials);
    }

    private static TrialResult slowKnownFunction(Params params) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(5));
        return KnownFunction.evaluate(params);
    }

    private static List<Params> paramsOf(Trials trials) {
        return trials.trials().stream().map(Trial::params).toList();
    }
}
