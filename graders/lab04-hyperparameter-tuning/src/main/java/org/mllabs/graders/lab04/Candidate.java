package org.mllabs.graders.lab04;

import java.util.List;
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

    /** The grid points of the candidates. */
    static List<GridPoint> points(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::point).toList();
    }

    @Override
    public String toString() {
        return point + " auc " + auc;
    }
}
