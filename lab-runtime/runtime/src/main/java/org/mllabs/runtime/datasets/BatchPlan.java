package org.mllabs.runtime.datasets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a batch is drawn from: its seed, its size, the time span its rows fall in and the number of its first key.
 *
 * @param seed the seed of the batch's {@link java.util.Random}
 * @param rows how many rows
 * @param start the earliest time a row can have
 * @param days how many days after {@code start} the rows spread over, uniformly
 * @param firstKey the number in the key of the first row; the next rows count up from it
 */
record BatchPlan(long seed, int rows, Instant start, int days, int firstKey) {

    /** The rows' times, drawn first and sorted, so that the file is in time order and keys count up with time. */
    List<Instant> drawTimes(DatasetRandom random) {
        int seconds = Math.toIntExact(Duration.ofDays(days).toSeconds());
        List<Instant> times = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            times.add(start.plusSeconds(random.below(seconds)));
        }
        times.sort(null);
        return times;
    }
}
