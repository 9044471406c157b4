package org.mllabs.runtime.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Proposes values with Tree-structured Parzen Estimators, following Bergstra et al. (2011) and Hyperopt's
 * {@code tpe.py}. The OK trials so far are split by loss: the best {@code ceil(gamma * sqrt(n))} are "good", the rest
 * "bad". For each parameter on the walked path, one density l(x) is fitted to its values in good trials and one,
 * g(x), to its values in bad trials, counting only the trials in which the parameter existed (so a nested parameter
 * learns only from trials that chose its option). {@code candidates} values are drawn from l(x) and the one with the
 * highest l(x)/g(x) is kept. Parameters are proposed independently of each other, as in Hyperopt.
 */
final class TpeChooser implements ValueChooser {

    private final List<Trial> good;
    private final List<Trial> bad;
    private final TpeSettings settings;
    private final Random rng;

    /**
     * @param history the trials so far; failed ones are ignored
     * @param settings TPE's knobs
     * @param rng the search's random source
     */
    TpeChooser(List<Trial> history, TpeSettings settings, Random rng) {
        List<Trial> ok = new ArrayList<>(history.stream().filter(Trial::isOk).toList());
        ok.sort(Comparator.comparingDouble(Trial::loss).thenComparingInt(Trial::number));
        int goodCount = Math.min((int) Math.ceil(settings.gamma() * Math.sqrt(ok.size())), settings.forgetAfter());
        this.good = inTrialOrder(ok.subList(0, goodCount));
        this.bad = inTrialOrder(ok.subList(goodCount, ok.size()));
        this.settings = settings;
        this.rng = rng;
    }

    @Override
    public double numeric(NumericParameter parameter) {
        ParzenEstimator l = ParzenEstimator.fit(modelValues(good, parameter), parameter.modelLow(),
                parameter.modelHigh(), settings);
        ParzenEstimator g = ParzenEstimator.fit(modelValues(bad, parameter), parameter.modelLow(),
                parameter.modelHigh(), settings);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < settings.candidates(); i++) {
            double value = parameter.fromModel(l.sample(rng));
            double score = parameter.distribution() == Distribution.Q_UNIFORM
                    ? l.logBinProbability(value, parameter.q()) - g.logBinProbability(value, parameter.q())
                    : l.logDensity(parameter.toModel(value)) - g.logDensity(parameter.toModel(value));
            if (Double.isNaN(best) || score > bestScore) {
                best = value;
                bestScore = score;
            }
        }
        return best;
    }

    @Override
    public int choice(ChoiceParameter parameter) {
        int options = parameter.options().size();
        CategoricalEstimator l = CategoricalEstimator.fit(chosenIndices(good, parameter), options, settings);
        CategoricalEstimator g = CategoricalEstimator.fit(chosenIndices(bad, parameter), options, settings);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < settings.candidates(); i++) {
            int index = l.sample(rng);
            double score = l.logProbability(index) - g.logProbability(index);
            if (best < 0 || score > bestScore) {
                best = index;
                bestScore = score;
            }
        }
        return best;
    }

    private static List<Trial> inTrialOrder(List<Trial> trials) {
        return trials.stream().sorted(Comparator.comparingInt(Trial::number)).toList();
    }

    private static double[] modelValues(List<Trial> trials, NumericParameter parameter) {
        return trials.stream().filter(trial -> trial.params().has(parameter.label()))
                .mapToDouble(trial -> parameter.toModel(trial.params().getDouble(parameter.label())))
                .map(x -> Math.min(parameter.modelHigh(), Math.max(parameter.modelLow(), x)))
                .toArray();
    }

    private static int[] chosenIndices(List<Trial> trials, ChoiceParameter parameter) {
        return trials.stream().filter(trial -> trial.params().has(parameter.label()))
                .mapToInt(trial -> parameter.indexOf(trial.params().get(parameter.label())))
                .filter(index -> index >= 0)
                .toArray();
    }
}
