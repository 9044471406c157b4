package org.mllabs.runtime.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hyperopt's {@code fmin}: minimizes an objective over a {@link SearchSpace}.
 *
 * <p>Trials run in batches of {@code parallelism} on a pool of as many threads. Every proposal of a batch is drawn,
 * in trial-number order, from one {@link Random} seeded with {@code seed}, on the calling thread, before the batch
 * runs; results are recorded in trial-number order whichever thread finishes first. So a seed gives the same trials
 * for the same parallelism, however the threads are scheduled (as long as the objective is itself deterministic).
 * Proposals of one batch see the trials of earlier batches only. With a {@link SearchOptions#deadline()}, no batch
 * starts once it has come.
 *
 * <pre>{@code
 * Trials trials = Search.minimize(params -> TrialResult.ok(train(params)), space, Algorithm.TPE, 20, 2, 42,
 *         SearchOptions.defaults().withEarlyStopping(8).withLogger(new MlflowTrialLogger(mlflow, parentRunId, tags)));
 * Params best = trials.best().orElseThrow().params();
 * }</pre>
 */
public final class Search {

    private Search() {
    }

    /** A search with {@link SearchOptions#defaults()}. */
    public static Trials minimize(Objective objective, SearchSpace space, Algorithm algorithm, int maxEvals,
                                  int parallelism, long seed) {
        return minimize(objective, space, algorithm, maxEvals, parallelism, seed, SearchOptions.defaults());
    }

    /**
     * Runs a search.
     *
     * @param objective what to minimize
     * @param space the parameters
     * @param algorithm random search or TPE
     * @param maxEvals the most trials to run
     * @param parallelism how many trials run at once
     * @param seed makes the search reproducible
     * @param options early stopping, logging and TPE settings
     * @return every trial, in trial-number order
     */
    public static Trials minimize(Objective objective, SearchSpace space, Algorithm algorithm, int maxEvals,
                                  int parallelism, long seed, SearchOptions options) {
        if (maxEvals < 1 || parallelism < 1) {
            throw new IllegalArgumentException("maxEvals " + maxEvals + " and parallelism " + parallelism
                    + " must both be at least 1");
        }
        Random rng = new Random(seed);
        List<Trial> history = new ArrayList<>();
        ImprovementWatch watch = new ImprovementWatch(options.stopAfterTrialsWithoutImprovement());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
        try {
            while (history.size() < maxEvals && !watch.exhausted() && !options.pastDeadline()) {
                int batch = Math.min(parallelism, maxEvals - history.size());
                ValueChooser chooser = chooser(algorithm, history, options.tpe(), rng);
                List<Future<Trial>> running = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    running.add(pool.submit(evaluation(objective, history.size() + i, space.draw(chooser))));
                }
                for (Future<Trial> future : running) {
                    Trial trial = await(future, running);
                    history.add(trial);
                    watch.record(trial);
                    options.logger().trialDone(trial);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Trials trials = new Trials(history, watch.exhausted() && history.size() < maxEvals);
        options.logger().searchDone(trials);
        return trials;
    }

    private static ValueChooser chooser(Algorithm algorithm, List<Trial> history, TpeSettings tpe, Random rng) {
        boolean modelled = algorithm == Algorithm.TPE && history.size() >= tpe.startupTrials();
        return modelled ? new TpeChooser(history, tpe, rng) : new RandomChooser(rng);
    }

    private static Callable<Trial> evaluation(Objective objective, int number, Params params) {
        return () -> {
            long start = System.currentTimeMillis();
            TrialResult result;
            try {
                result = objective.evaluate(params);
                if (result == null) {
                    result = TrialResult.fail("the objective returned no result");
                } else if (result.status() == TrialStatus.OK && Double.isNaN(result.loss())) {
                    result = new TrialResult(TrialStatus.FAIL, Double.NaN, result.metrics(), "the loss is NaN");
                }
            } catch (Exception e) {
                result = TrialResult.fail(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return new Trial(number, params, result, start, System.currentTimeMillis());
        };
    }

    private static Trial await(Future<Trial> future, List<Future<Trial>> batch) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            batch.forEach(running -> running.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the search was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a trial could not be run", e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "search-trial-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
