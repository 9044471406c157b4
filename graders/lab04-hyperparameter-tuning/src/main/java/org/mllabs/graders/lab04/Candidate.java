package org.mllabs.graders.lab04;

import java.util.List;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service.Run;
import org.mllabs.grading.Tolerance;

/**
 * A child run of a tuning as the grader reads it: its grid point and its {@code auc}.
 *
 * @param run the child run
 * @param point the grid point its params name
 * @param auc its metric {@code auc}
 */
record Candidate(Run run, GridPoint point, double auc) {

    /**
     * The candidates with the highest auc: one, or several that tie up to {@link Tolerance#close}. Any of them is a
     * right answer, as the tuner takes the first of equals. Empty when there are no candidates.
     */
    static List<Candidate> best(List<Candidate> candidates) {
        double highest = candidates.stream().mapToDouble(Candidate::auc).max().orElse(Double.NaN);
        return candidates.stream().filter(candidate -> Tolerance.close(highest, candidate.auc())).toList();
    }

    /** The candidates with the lowest auc, up to {@link Tolerance#close}; empty when there are no candidates. */
    static List<Candidate> worst(List<Candidate> candidates) {
        double lowest = candidates.stream().mapToDouble(Candidate::auc).min().orElse(Double.NaN);
        return candidates.stream().filter(candidate -> Tolerance.close(lowest, candidate.auc())).toList();
    }

    /**
     * A sample of the candidates to check against the grader's own measure: the first with the highest auc and the
     * first with the lowest, where a metric logged against the wrong grid point, or made up, shows most.
     */
    static List<Candidate> extremes(List<Candidate> candidates) {
        return Stream.of(best(candidates), worst(candidates)).flatMap(sample -> sample.stream().limit(1))
                .distinct().toList();
    }

    /** The grid points of the candidates. */
    static List<GridPoint> points(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::point).toList();
    }

    @Override
    public String toString() {
        return point + " auc " + auc;
    }
}
