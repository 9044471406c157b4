package org.mllabs.graders.lab04;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Run;

class CandidateTest {

    private static Candidate candidate(double regParam, double auc) {
        return new Candidate(Run.getDefaultInstance(), new GridPoint(regParam, 0.0), auc);
    }

    @Test
    void theBestHasTheHighestAuc() {
        Candidate best = candidate(0.05, 0.80);

        assertThat(Candidate.best(List.of(candidate(0.001, 0.79), best, candidate(0.3, 0.5)))).containsExactly(best);
    }

    @Test
    void candidatesThatTieUpToRoundingAreAllBest() {
        Candidate first = candidate(0.001, 0.8);
        Candidate second = candidate(0.05, 0.8 + 1e-12);

        assertThat(Candidate.best(List.of(first, candidate(0.3, 0.5), second))).containsExactly(first, second);
    }

    @Test
    void candidatesCloseButNotEqualDoNotTie() {
        Candidate best = candidate(0.001, 0.79707);

        assertThat(Candidate.best(List.of(candidate(0.05, 0.79703), best))).containsExactly(best);
    }

    @Test
    void noCandidatesHaveNoBest() {
        assertThat(Candidate.best(List.of())).isEmpty();
        assertThat(Candidate.worst(List.of())).isEmpty();
        assertThat(Candidate.extremes(List.of())).isEmpty();
    }

    @Test
    void theWorstHasTheLowestAuc() {
        Candidate worst = candidate(0.3, 0.5);

        assertThat(Candidate.worst(List.of(candidate(0.001, 0.79), worst, candidate(0.05, 0.8))))
                .containsExactly(worst);
    }

    @Test
    void theSampleIsTheFirstBestAndTheFirstWorst() {
        Candidate best = candidate(0.001, 0.8);
        Candidate worst = candidate(0.3, 0.5);

        assertThat(Candidate.extremes(List.of(candidate(0.05, 0.7), best, worst, candidate(0.01, 0.8),
                candidate(0.2, 0.5)))).containsExactly(best, worst);
    }

    @Test
    void oneCandidateIsSampledOnce() {
        Candidate only = candidate(0.05, 0.7);

        assertThat(Candidate.extremes(List.of(only))).containsExactly(only);
    }
}
